"""Staff SKM pages under /staff/skm/: the report with charts, its PDF, the Excel export of raw
answers and the number of people served."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sigap.accounts.models import Office, Unit
from sigap.accounts.roles import Role
from sigap.core.access import has_role, log_access, visible_office_ids
from sigap.core.decorators import staff_required
from sigap.core.models import AccessAction
from sigap.standards.models import ServiceStandard
from sigap.surveys.access import SKM_MANAGE_ROLES, SKM_READ_ROLES
from sigap.surveys.elements import ELEMENT_CODES
from sigap.surveys.forms import PopulationForm
from sigap.surveys.index import WEIGHT_EXACT, WEIGHTS
from sigap.surveys.selectors import Period, report, responses, trend
from sigap.surveys.services import survey_population_set


def _filters(request: HttpRequest) -> dict:
    """Office (own, or a regency under the user's province), service, unit, period, weight."""
    user = request.user
    code = request.GET.get("office") or (user.office.code if user.office_id else "")
    office = Office.objects.filter(code=code).first()
    ids = visible_office_ids(user, province_oversight=True)
    if office is None or (ids is not None and office.pk not in ids):
        raise Http404
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
        semester = int(request.GET.get("semester") or 0)
    except ValueError:
        raise Http404 from None
    if not (2000 <= year <= 2100 and semester in (0, 1, 2)):
        raise Http404
    weight = request.GET.get("weight", WEIGHT_EXACT)
    if weight not in WEIGHTS:
        weight = WEIGHT_EXACT
    unit = None
    if request.GET.get("unit"):
        unit = Unit.objects.filter(office=office, code=request.GET["unit"]).first()
    return {
        "office": office,
        "service_code": request.GET.get("service", "")[:60],
        "unit": unit,
        "period": Period(year, semester),
        "weight": weight,
    }


def _chart_data(data: dict, points: list[dict]) -> dict:
    return {
        "elements": {
            "labels": [f"{e['label']} {e['name']}" for e in data["elements"]],
            "values": [float(e["nrr"]) if e["nrr"] is not None else None for e in data["elements"]],
            "priority": [e["priority"] for e in data["elements"]],
        },
        "trend": {
            "labels": [p["label"] for p in points],
            "values": [p["score"] for p in points],
        },
    }


@staff_required(*SKM_READ_ROLES)
def skm_report(request: HttpRequest) -> HttpResponse:
    f = _filters(request)
    data = report(**f)
    points = trend(
        office=f["office"],
        service_code=f["service_code"],
        unit=f["unit"],
        last_year=f["period"].year,
        weight=f["weight"],
    )
    return render(
        request,
        "surveys/staff_report.html",
        {
            **f,
            "report": data,
            "chart": _chart_data(data, points),
            "services": ServiceStandard.objects.filter(office=f["office"])
            .values_list("code", "name")
            .distinct(),
            "units": Unit.objects.filter(office=f["office"]),
            "query": request.GET.urlencode(),
            "can_manage": request.user.is_superuser or has_role(request.user, *SKM_MANAGE_ROLES),
            "population_form": PopulationForm(
                initial={
                    "year": f["period"].year,
                    "semester": f["period"].semester,
                    "service_code": f["service_code"],
                }
            ),
        },
    )


@staff_required(*SKM_READ_ROLES)
def skm_report_pdf(request: HttpRequest) -> HttpResponse:
    from sigap.documents.pdf import render_pdf
    from sigap.documents.rendering import place_date_for

    f = _filters(request)
    data = report(**f)
    office = f["office"]
    head = office.staff.filter(role_assignments__role=Role.HEAD_OF_OFFICE, is_active=True).first()
    standard = (
        ServiceStandard.objects.filter(office=office, code=f["service_code"])
        .order_by("-revision")
        .first()
        if f["service_code"]
        else None
    )
    pdf = render_pdf(
        "surveys/pdf/report.html",
        {
            **f,
            "report": data,
            "standard": standard,
            "signer_title": "Kepala " + office.name,
            "signer_name": head.display_name if head else "",
            "signer_rank": head.rank if head else "",
            "signer_nip": head.nip if head and head.nip else "",
            "place_date": place_date_for(office),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"laporan-skm-{office.code}-{f['period'].year}-{f['period'].semester}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@staff_required(*SKM_READ_ROLES)
def skm_answers_xlsx(request: HttpRequest) -> HttpResponse:
    """The raw answers, one row per respondent (suggestions are free text: logged export)."""
    from openpyxl import Workbook

    f = _filters(request)
    qs = responses(
        office=f["office"], service_code=f["service_code"], unit=f["unit"], period=f["period"]
    ).order_by("answered_on", "id")
    wb = Workbook()
    ws = wb.active
    ws.title = "Jawaban SKM"
    ws.append(
        ["No", "Tanggal", "Layanan", "Jenis Kelamin", "Usia", "Pendidikan", "Pekerjaan"]
        + [c.upper() for c in ELEMENT_CODES]
        + ["Saran"]
    )
    for n, r in enumerate(qs, start=1):
        suggestion = r.suggestion
        if suggestion[:1] in ("=", "+", "-", "@"):
            suggestion = "'" + suggestion
        ws.append(
            [n, r.answered_on, r.service_code, r.get_sex_display(), r.age,
             r.get_education_display(), r.get_occupation_display()]
            + [getattr(r, c) for c in ELEMENT_CODES]
            + [suggestion]
        )  # fmt: skip
    log_access(request.user, f["office"], action=AccessAction.EXPORT, summary="SKM answers")
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    name = f"jawaban-skm-{f['office'].code}-{f['period'].year}-{f['period'].semester}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


POPULATION_SAVED = _("The number of people served was saved.")


@staff_required(*SKM_MANAGE_ROLES)
def skm_population(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("surveys:staff_report")
    office = request.user.office
    if office is None:
        raise PermissionDenied
    form = PopulationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "; ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("surveys:staff_report")
    data = form.cleaned_data
    try:
        survey_population_set(office=office, **data)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return redirect("surveys:staff_report")
    messages.success(request, POPULATION_SAVED)
    query = f"?year={data['year']}&semester={data['semester']}&service={data['service_code']}"
    return redirect(reverse("surveys:staff_report") + query)
