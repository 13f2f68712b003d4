"""Public report card, the service pledge and the staff dashboard (views stay thin)."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from sigap.accounts.models import Office
from sigap.accounts.roles import Role
from sigap.core.access import has_role
from sigap.core.decorators import staff_required
from sigap.core.formatting import period_name_short
from sigap.reports import selectors, services
from sigap.reports.models import ServicePledge
from sigap.reports.selectors import office_pledge
from sigap.standards.models import ServiceStandard


def year_param(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def _chart(card: dict) -> dict:
    """The series the report card's charts draw (json_script, read by report_card.js): month
    names in Indonesian, shares as percentages (0-100) so the axis reads as the table does."""
    months = card["sla"]["months"]
    return {
        "months": [period_name_short(m["month"]) for m in months],
        "share": [percent_value(m["share_on_time"]) for m in months],
        "received": [m["received"] for m in months],
        "completed": [m["completed"] for m in months],
        "rejected": [m["rejected"] for m in months],
        "complaints": [card["complaints"]["received"], card["complaints"]["answered_on_time"]],
    }


def percent_value(share: float | None) -> float | None:
    """A 0-1 share as a percentage with one decimal, for a chart's 0-100 % axis."""
    return None if share is None else round(share * 100, 1)


def report_card(request: HttpRequest, office_code: str, service_code: str | None = None):
    office = get_object_or_404(Office, code=office_code)
    if (
        service_code
        and not ServiceStandard.objects.filter(office=office, code=service_code).exists()
    ):
        raise Http404
    card = selectors.report_card(office, service_code=service_code, year=year_param(request))
    pledge = office_pledge(office)
    return render(
        request,
        "reports/report_card.html",
        {"office": office, "card": card, "pledge": pledge, "chart": _chart(card), "charts": True},
    )


def report_card_pdf(request: HttpRequest, office_code: str) -> HttpResponse:
    from sigap.documents.pdf import render_pdf

    office = get_object_or_404(Office, code=office_code)
    card = selectors.report_card(office, year=year_param(request))
    pledge = office_pledge(office)
    pdf = render_pdf(
        "reports/pdf/report_card.html", {"office": office, "card": card, "pledge": pledge}
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="report-card-{office.code}.pdf"'
    return response


def pledge(request: HttpRequest, office_code: str) -> HttpResponse:
    office = get_object_or_404(Office, code=office_code)
    return render(
        request,
        "reports/pledge.html",
        {"office": office, "pledge": office_pledge(office)},
    )


class PledgeForm(forms.ModelForm):
    class Meta:
        model = ServicePledge
        fields = ["text", "effective_date"]
        widgets = {"effective_date": forms.DateInput(attrs={"type": "date"})}


@staff_required()
def pledge_edit(request: HttpRequest) -> HttpResponse:
    if not has_role(request.user, Role.HEAD_OF_OFFICE):
        raise PermissionDenied
    office = request.user.office
    form = PledgeForm(request.POST or None, instance=office_pledge(office))
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_save(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("reports:pledge", office_code=office.code)
    return render(request, "reports/pledge_edit.html", {"form": form, "office": office})
