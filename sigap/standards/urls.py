from django.urls import path

from sigap.standards import views

app_name = "standards"

urlpatterns = [
    path("services/", views.catalogue, name="catalogue"),
    path("services/<slug:code>/", views.standard_detail, name="detail"),
    path("services/<slug:code>/pdf", views.standard_pdf, name="pdf"),
    path("offices/<slug:office_code>/", views.office_services, name="office"),
]
