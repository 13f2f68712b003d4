"""Public survey pages and the staff SKM report."""

from django.urls import path

from sigap.surveys import views

app_name = "surveys"
urlpatterns = [
    path("survey/r/<str:token>/", views.invited, name="invited"),
    path("survey/thanks/", views.thanks, name="thanks"),
    path("survey/<slug:service_code>/", views.general, name="general"),
]
