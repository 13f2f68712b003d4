"""Staff pages of data subject requests under /staff/privacy/."""

from django.urls import path

from sigap.privacy import views

app_name = "privacy"
urlpatterns = [
    path("staff/privacy/", views.register, name="register"),
    path("staff/privacy/new/", views.request_new, name="new"),
    path("staff/privacy/<int:pk>/", views.request_detail, name="detail"),
    path("staff/privacy/<int:pk>/download/", views.download, name="download"),
]
