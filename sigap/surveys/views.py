"""Public survey pages: the one-time invited survey, the general survey per service, and the
published results of an office."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from sigap.accounts.models import Office
from sigap.complaints import abuse
from sigap.standards.models import ServiceStandard
from sigap.surveys.forms import SurveyForm
from sigap.surveys.models import SurveyInvitation
from sigap.surveys.selectors import Period, ikm_for, questionnaire, report, responses, trend
from sigap.surveys.services import survey_response_submit

NOT_ACCEPTED = _("Your answers could not be accepted. Please wait a moment and send them again.")
TOO_MANY = _("Too many surveys were sent from your connection. Please try again later.")


def _handle(request: HttpRequest, *, office, standard, invitation=None) -> HttpResponse:
    questions = questionnaire(office)
    context = {"office": office, "standard": standard, "invitation": invitation}
    if request.method == "GET":
        form = SurveyForm(questions=questions, initial={"started": abuse.form_started_token()})
        return render(request, "surveys/form.html", {**context, "form": form})
    if abuse.rate_limited(request, "survey"):
        return render(request, "surveys/refused.html", {"message": TOO_MANY}, status=429)
    form = SurveyForm(request.POST, questions=questions)
    if form.is_valid() and (
        form.cleaned_data["homepage"]
        or not abuse.filled_like_a_person(form.cleaned_data["started"])
    ):
        form.add_error(None, NOT_ACCEPTED)
    if not form.is_valid():
        return render(request, "surveys/form.html", {**context, "form": form}, status=400)
    data = form.cleaned_data
    from django.core.exceptions import ValidationError

    try:
        survey_response_submit(
            office=office,
            standard=standard,
            invitation=invitation,
            answers={q["code"]: data[q["code"]] for q in questions},
            sex=data["sex"],
            age=data["age"],
            education=data["education"],
            occupation=data["occupation"],
            suggestion=data["suggestion"],
        )
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return render(request, "surveys/form.html", {**context, "form": form}, status=400)
    return redirect("surveys:thanks")


@require_http_methods(["GET", "POST"])
def invited(request: HttpRequest, token: str) -> HttpResponse:
    invitation = (
        SurveyInvitation.objects.select_related("office", "standard").filter(token=token).first()
    )
    if invitation is None:
        raise Http404
    if invitation.used_at is not None:
        return render(request, "surveys/used.html", {"invitation": invitation}, status=410)
    return _handle(
        request, office=invitation.office, standard=invitation.standard, invitation=invitation
    )


@require_http_methods(["GET", "POST"])
def general(request: HttpRequest, service_code: str) -> HttpResponse:
    standards = ServiceStandard.objects.filter(code=service_code, is_published=True)
    if request.GET.get("office"):
        standards = standards.filter(office__code=request.GET["office"])
    standard = standards.select_related("office", "unit").order_by("-revision").first()
    if standard is None:
        raise Http404
    return _handle(request, office=standard.office, standard=standard)


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.html")


def _per_service(office, year: int) -> list[dict]:
    rows = []
    codes = (
        ServiceStandard.objects.filter(office=office, is_published=True)
        .order_by("code", "-revision")
        .values_list("code", "name")
    )
    seen = set()
    for code, name in codes:
        if code in seen:
            continue
        seen.add(code)
        result = ikm_for(responses(office=office, service_code=code, period=Period(year)))
        rows.append({"code": code, "name": name, "result": result})
    return rows


def results(request: HttpRequest, office_code: str) -> HttpResponse:
    """The published results of an office, as offices must publish them."""
    office = get_object_or_404(Office, code=office_code)
    year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", year))
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    data = report(office=office, period=Period(year))
    data.pop("suggestions")  # free text may name people: not published
    return render(
        request,
        "surveys/public_results.html",
        {
            "office": office,
            "year": year,
            "report": data,
            "semesters": [report(office=office, period=Period(year, s)) for s in (1, 2)],
            "trend": trend(office=office, last_year=year),
            "services": _per_service(office, year),
        },
    )
