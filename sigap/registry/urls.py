"""Staff URLs of the registry."""

from django.urls import path

from sigap.registry import views

app_name = "registry"

urlpatterns = [
    path("staff/registry/", views.search, name="search"),
    path("staff/registry/persons/<int:pk>/", views.person_detail, name="person"),
    path("staff/registry/imports/", views.imports, name="imports"),
    path("staff/registry/imports/policy/", views.import_policy, name="import_policy"),
    path("staff/registry/imports/<int:pk>/", views.import_detail, name="import_detail"),
    path(
        "staff/registry/imports/<int:pk>/progress/", views.import_progress, name="import_progress"
    ),
    path(
        "staff/registry/imports/<int:pk>/<str:action>/", views.import_action, name="import_action"
    ),
    path(
        "staff/registry/imports/<int:pk>/rejects.csv", views.import_rejects, name="import_rejects"
    ),
]
