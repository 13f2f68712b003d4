from django.contrib.auth import views as auth_views
from django.urls import path

from sigap.accounts import views

app_name = "accounts"

urlpatterns = [
    path(
        "staff/login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("staff/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/2fa/setup/", views.two_factor_setup, name="2fa_setup"),
    path("staff/2fa/verify/", views.two_factor_verify, name="2fa_verify"),
    path("staff/profile/", views.profile, name="profile"),
]
