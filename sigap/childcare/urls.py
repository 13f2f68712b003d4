"""Staff pages of child cases under /staff/children/."""

from django.urls import path

from sigap.childcare import views

app_name = "childcare"
urlpatterns = [
    path("staff/children/", views.case_list, name="list"),
    path("staff/children/new/", views.case_register, name="register"),
    path("staff/children/refer/", views.referral_send, name="referral_send"),
    path("staff/children/referred/", views.referrals_sent, name="referrals_sent"),
    path("staff/children/export.csv", views.case_export, name="export"),
    path("staff/children/access-log/", views.access_log, name="access_log"),
    path("staff/children/centres/", views.centres, name="centres"),
    path("staff/children/<int:pk>/", views.case_detail, name="detail"),
    path("staff/children/<int:pk>/assign/", views.case_assign, name="assign"),
    path("staff/children/<int:pk>/consent/", views.consent, name="consent"),
    path("staff/children/<int:pk>/assessment/", views.assessment, name="assessment"),
    path("staff/children/<int:pk>/health/", views.health, name="health"),
    path("staff/children/<int:pk>/placement/", views.placement, name="placement"),
    path("staff/children/<int:pk>/care-plan/", views.care_plan, name="care_plan"),
    path("staff/children/<int:pk>/review/", views.review, name="review"),
    path("staff/children/<int:pk>/note/", views.note, name="note"),
    path("staff/children/<int:pk>/nik/", views.link_nik, name="link_nik"),
    path("staff/children/<int:pk>/close/", views.close, name="close"),
    path("staff/children/<int:pk>/documents/<int:doc_pk>/", views.document, name="document"),
    path("staff/children/<int:pk>/issued/<int:doc_pk>/", views.issued, name="issued"),
]
