from django.urls import path

from sigap.reports import views, views_dashboard

app_name = "reports"

urlpatterns = [
    path("report-card/<slug:office_code>/", views.report_card, name="card"),
    path("report-card/<slug:office_code>/pdf", views.report_card_pdf, name="card_pdf"),
    path("report-card/<slug:office_code>/<slug:service_code>/", views.report_card, name="service"),
    path("pledge/<slug:office_code>/", views.pledge, name="pledge"),
    path("staff/pledge/", views.pledge_edit, name="pledge_edit"),
    path("staff/dashboard/", views_dashboard.dashboard, name="dashboard"),
]
