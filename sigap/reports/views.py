"""Public report card, the service pledge and the staff dashboard (views stay thin)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from sigap.accounts.models import Office
from sigap.accounts.roles import Role
from sigap.core.access import has_role
from sigap.core.decorators import staff_required
from sigap.reports import selectors
from sigap.reports.models import ServicePledge


def _year(request: HttpRequest) -> int | None:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def report_card(request: HttpRequest, office_code: str, service_code: str | None = None):
    office = get_object_or_404(Office, code=office_code)
    card = selectors.report_card(office, service_code=service_code, year=_year(request))
    pledge = ServicePledge.objects.filter(office=office).first()
    return render(
        request,
        "reports/report_card.html",
        {"office": office, "card": card, "pledge": pledge, "chart": card["sla"]["months"]},
    )


def report_card_pdf(request: HttpRequest, office_code: str) -> HttpResponse:
    from sigap.documents.pdf import render_pdf

    office = get_object_or_404(Office, code=office_code)
    card = selectors.report_card(office, year=_year(request))
    pdf = render_pdf("reports/pdf/report_card.html", {"office": office, "card": card})
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="report-card-{office.code}.pdf"'
    return response


def pledge(request: HttpRequest, office_code: str) -> HttpResponse:
    office = get_object_or_404(Office, code=office_code)
    return render(
        request,
        "reports/pledge.html",
        {"office": office, "pledge": ServicePledge.objects.filter(office=office).first()},
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
    instance = ServicePledge.objects.filter(office=office).first()
    form = PledgeForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            obj = form.save(commit=False)
            obj.office = office
            obj.signer_name = request.user.full_name
            obj.signer_nip = request.user.nip or ""
            obj.full_clean()
            obj.save()
        return redirect("reports:pledge", office_code=office.code)
    return render(request, "reports/pledge_edit.html", {"form": form, "office": office})
