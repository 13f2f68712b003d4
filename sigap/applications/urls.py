from django.urls import path

from sigap.applications import views

app_name = "applications"

urlpatterns = [
    path("track/<str:code>", views.track, name="track"),
]
