"""Public complaint pages: the form (no login), its confirmation and the tracking page."""

import secrets

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from sigap.accounts.models import Office
from sigap.api.errors import ConflictError
from sigap.complaints import abuse
from sigap.complaints.forms import (
    MSG_COMPLAINT_NOT_FOUND,
    ComplaintTrackForm,
    PublicComplaintForm,
    RatingForm,
    ReopenForm,
)
from sigap.complaints.models import Channel, Complaint, Status
from sigap.complaints.selectors import (
    LOOKUP_SPACE,
    complaint_by_public_code,
    complaint_public_data,
)
from sigap.complaints.services import (
    complaint_rate,
    complaint_receive,
    complaint_reopen,
    secret_digest,
)
from sigap.core.limits import body_limit
from sigap.core.ratelimit import MSG_TOO_MANY_LOOKUPS, lookup_missed, lookup_refused
from sigap.standards.models import ServiceStandard

NOT_ACCEPTED = _("Your complaint could not be accepted. Please wait a moment and send it again.")
TOO_MANY = _("Too many complaints were sent from your connection. Please try again later.")
TOO_LARGE = _("What you sent is too large.")
# Far above a full form (5,000 characters of text) and far below anything that hurts.
MAX_POST_BYTES = 64 * 1024
_SESSION_KEY = "complaints.just_sent"


def _too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_POST_BYTES
    except ValueError:
        return True


def _standard_by_code(code: str):
    """The published standard a link points at (to show its complaint channels)."""
    if not code:
        return None
    return (
        ServiceStandard.objects.filter(code=code[:60], is_published=True)
        .select_related("office")
        .order_by("-revision")
        .first()
    )


def _office_from_link(code: str, standard) -> int | None:
    """The office a link names (?office=<code>), else the office of the service it names."""
    office = Office.objects.filter(code=code[:40]).first() if code else None
    if office is None and standard is not None:
        office = standard.office
    return office.pk if office else None


def _standard_for(office, code: str):
    if not code:
        return None
    return (
        ServiceStandard.objects.filter(office=office, code=code.strip(), is_published=True)
        .order_by("-revision")
        .first()
    )


@require_http_methods(["GET", "POST"])
@body_limit(MAX_POST_BYTES)
def complaint_new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        standard = _standard_by_code(request.GET.get("service", ""))
        form = PublicComplaintForm(
            initial={
                "started": abuse.form_started_token(),
                # Opened from an office's or a service's page: that office is already chosen.
                "office": _office_from_link(request.GET.get("office", ""), standard),
                "service_code": standard.code if standard else "",
                "request_code": request.GET.get("request", "")[:20],
            }
        )
        return render(request, "complaints/public_new.html", {"form": form, "standard": standard})
    if _too_large(request):
        return render(request, "complaints/public_refused.html", {"message": TOO_LARGE}, status=413)
    if abuse.rate_limited(request, "complaint"):
        return render(request, "complaints/public_refused.html", {"message": TOO_MANY}, status=429)
    form = PublicComplaintForm(request.POST)
    if not form.is_valid():
        return render(request, "complaints/public_new.html", {"form": form}, status=400)
    data = form.cleaned_data
    if data["homepage"] or not abuse.filled_like_a_person(data["started"]):
        form.add_error(None, NOT_ACCEPTED)
        return render(request, "complaints/public_new.html", {"form": form}, status=400)
    try:
        complaint, secret = complaint_receive(
            office=data["office"],
            channel=Channel.WEBSITE,
            subject=data["subject"],
            body=data["body"],
            anonymous=data["anonymous"],
            confidential=data["confidential"],
            name=data["name"],
            phone=data["phone"],
            email=data["email"],
            standard=_standard_for(data["office"], data["service_code"]),
            request_code=data["request_code"],
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return render(request, "complaints/public_new.html", {"form": form}, status=400)
    request.session[_SESSION_KEY] = {"code": complaint.code, "secret": secret}
    return redirect("complaints:sent")


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def complaint_sent(request: HttpRequest) -> HttpResponse:
    sent = request.session.get(_SESSION_KEY)
    if not sent:
        return redirect("complaints:new")
    complaint = Complaint.objects.filter(code=sent["code"]).first()
    if complaint is None:
        raise Http404
    return render(
        request,
        "complaints/public_sent.html",
        {"complaint": complaint, "secret": sent["secret"]},
    )


def _get_public(code: str) -> Complaint:
    complaint = complaint_by_public_code(code)
    if complaint is None:
        raise Http404
    return complaint


def complaint_track_form(request: HttpRequest) -> HttpResponse:
    """Follow a complaint by typing its code; a wrong code is answered on this form."""
    form = ComplaintTrackForm(request.GET or None)
    if form.is_valid():
        return redirect("complaints:track", code=form.cleaned_data["code"])
    status = 400 if form.is_bound else 200
    return render(request, "complaints/public_track_form.html", {"form": form}, status=status)


def _answer_on_form(request: HttpRequest, code: str, message: str, status: int) -> HttpResponse:
    form = ComplaintTrackForm({"code": code[:24]})
    if form.is_valid():
        form.add_error("code", message)
    return render(request, "complaints/public_track_form.html", {"form": form}, status=status)


def complaint_track(request: HttpRequest, code: str) -> HttpResponse:
    if lookup_refused(request, LOOKUP_SPACE):
        return _answer_on_form(request, code, MSG_TOO_MANY_LOOKUPS, status=429)
    complaint = complaint_by_public_code(code)
    if complaint is None:
        lookup_missed(LOOKUP_SPACE)
        return _answer_on_form(request, code, MSG_COMPLAINT_NOT_FOUND, status=404)
    secret = request.GET.get("k", "")[:64]
    valid = bool(secret) and secrets.compare_digest(secret_digest(secret), complaint.secret_digest)
    context = {
        "complaint": complaint,
        "data": complaint_public_data(complaint),
        "secret": secret if valid else "",
    }
    if valid and complaint.status == Status.COMPLETED:
        context["rating_form"] = RatingForm()
        context["reopen_form"] = ReopenForm()
    return render(request, "complaints/public_track.html", context)


def _complainant_action(request: HttpRequest, code: str, form_class, action) -> HttpResponse:
    complaint = _get_public(code)
    if abuse.rate_limited(request, "complaint-track"):
        return render(request, "complaints/public_refused.html", {"message": TOO_MANY}, status=429)
    form = form_class(request.POST)
    secret = request.POST.get("k", "")[:64]
    context = {"complaint": complaint, "data": complaint_public_data(complaint), "secret": secret}
    if form.is_valid():
        try:
            action(complaint, form.cleaned_data, secret)
        except (ValidationError, ConflictError) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [exc.message]
            for message in messages:
                form.add_error(None, message)
        else:
            return redirect("complaints:track", code=complaint.code)
    context["rating_form" if form_class is RatingForm else "reopen_form"] = form
    return render(request, "complaints/public_track.html", context, status=400)


@require_POST
def complaint_rate_public(request: HttpRequest, code: str) -> HttpResponse:
    return _complainant_action(
        request,
        code,
        RatingForm,
        lambda c, d, k: complaint_rate(
            complaint=c, rating=d["rating"], comment=d["comment"], secret=k
        ),
    )


@require_POST
def complaint_reopen_public(request: HttpRequest, code: str) -> HttpResponse:
    return _complainant_action(
        request,
        code,
        ReopenForm,
        lambda c, d, k: complaint_reopen(complaint=c, reason=d["reason"], secret=k),
    )
