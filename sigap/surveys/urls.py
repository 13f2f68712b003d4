"""Public survey pages, published results, and the staff SKM report."""

from django.urls import path

from sigap.surveys import views
from sigap.surveys import views_staff as staff

app_name = "surveys"
urlpatterns = [
    path("survey/r/<str:token>/", views.invited, name="invited"),
    path("survey/thanks/", views.thanks, name="thanks"),
    path("survey/<slug:service_code>/", views.general, name="general"),
    path("skm/<slug:office_code>/", views.results, name="results"),
    path("staff/skm/", staff.skm_report, name="staff_report"),
    path("staff/skm/report.pdf", staff.skm_report_pdf, name="staff_report_pdf"),
    path("staff/skm/answers.xlsx", staff.skm_answers_xlsx, name="staff_answers_xlsx"),
    path("staff/skm/population", staff.skm_population, name="staff_population"),
]
