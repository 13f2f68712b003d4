from django.urls import path

from sigap.applications.views import apply, intake, staff, track

app_name = "applications"

urlpatterns = [
    # Public
    path("track/", track.track_form, name="track_form"),
    path("track/<str:code>", track.track, name="track"),
    path("apply/<slug:service_code>/", apply.start, name="apply_start"),
    path("apply/<slug:service_code>/done/", apply.done, name="apply_done"),
    path("apply/<slug:service_code>/receipt/", apply.receipt, name="apply_receipt"),
    path("apply/<slug:service_code>/<slug:page>/", apply.page, name="apply_page"),
    # Staff intake
    path("staff/requests/new/", intake.choose_service, name="new"),
    path("staff/requests/nik-lookup/", intake.nik_lookup, name="nik_lookup"),
    path("staff/requests/new/<slug:service_code>/", intake.applicant, name="new_applicant"),
    path("staff/requests/<str:code>/intake/", intake.requirements, name="intake"),
    path("staff/requests/<str:code>/intake/check/", intake.confirm, name="intake_confirm"),
    # Staff work
    path("staff/queue/", staff.queue, name="queue"),
    path("staff/requests/", staff.request_list, name="list"),
    path("staff/requests/<str:code>/", staff.detail, name="detail"),
    path("staff/requests/<str:code>/act/<slug:action>/", staff.act, name="act"),
    path("staff/requests/<str:code>/draft.pdf", staff.draft, name="draft"),
    path("staff/requests/<str:code>/assign/", staff.assign, name="assign"),
    path("staff/requests/<str:code>/resubmit/", staff.resubmit, name="resubmit"),
    path("staff/requests/<str:code>/cancel/", staff.cancel, name="cancel"),
    path("staff/requests/<str:code>/uploads/", staff.upload_add, name="upload_add"),
    path("staff/requests/<str:code>/uploads/<int:pk>", staff.upload_download, name="upload"),
    path("staff/requests/<str:code>/receipt", staff.receipt, name="receipt"),
]
