from django.urls import path

from sigap.documents import views

app_name = "documents"

urlpatterns = [
    path("verify/<str:token>", views.verify, name="verify"),
    path("staff/documents/<int:pk>/", views.detail, name="detail"),
    path("staff/documents/<int:pk>/download", views.download, name="download"),
    path("staff/documents/<int:pk>/revoke", views.revoke, name="revoke"),
    path("staff/agenda/", views.agenda, name="agenda"),
    path("staff/agenda/export.xlsx", views.agenda_export, name="agenda_export"),
    path("staff/agenda/settings", views.agenda_settings, name="agenda_settings"),
    path("staff/document-templates/", views.template_list, name="template_list"),
    path("staff/document-templates/<slug:code>/", views.template_edit, name="template_edit"),
    path("staff/document-templates/<slug:code>/reset", views.template_reset, name="template_reset"),
]
