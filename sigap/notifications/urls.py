from django.urls import path

from sigap.notifications import views

app_name = "notifications"

urlpatterns = [
    path("staff/notifications/", views.outbox, name="outbox"),
    path("staff/notifications/<int:pk>/retry", views.retry, name="retry"),
]
