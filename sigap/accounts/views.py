"""Staff account pages: two-factor set-up and verification, API tokens."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from sigap.accounts.forms import ApiTokenForm
from sigap.accounts.services import api_token_create
from sigap.accounts.two_factor import confirmed_device, requires_two_factor
from sigap.core.decorators import staff_required
from sigap.documents.pdf import qr_data_uri

WRONG_CODE = _("The code is not right. Check the time on your phone and try again.")


class TokenForm(forms.Form):
    code = forms.RegexField(
        label=_("6-digit code from the authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("Enter the 6 digits shown in the app.")},
    )


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/staff/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/staff/"


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    if confirmed_device(request.user):
        return redirect("accounts:profile")
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Two-factor authentication is on."))
            return redirect("core:home")
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "qr": qr_data_uri(device.config_url),
        "secret": device.key,
        "mandatory": requires_two_factor(request.user),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    device = confirmed_device(request.user)
    if device is None:
        return redirect("accounts:2fa_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            otp_login(request, device)
            return redirect(_safe_next(request))
        form.add_error("code", WRONG_CODE)
    return render(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _safe_next(request)}
    )


@staff_required()
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = api_token_create(user=request.user, name=form.cleaned_data["name"])
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),
        "has_2fa": confirmed_device(request.user) is not None,
        "mandatory_2fa": requires_two_factor(request.user),
    }
    return render(request, "accounts/profile.html", context)
