from django.urls import path

from sigap.regions import views

app_name = "regions"

urlpatterns = [
    path("regions/", views.browse, name="browse"),
    path("regions/search", views.search_options, name="search"),
]
