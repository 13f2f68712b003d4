from django.urls import path

from sigap.core import views

app_name = "core"

urlpatterns = [
    path("staff/", views.home, name="home"),
]
