"""Staff pages of the companion-to-area mapping, and handing a ticket to a companion."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.accounts.roles import Role
from sigap.bpnt import companions, selectors, services
from sigap.bpnt.forms import AreaForm, AssignForm
from sigap.bpnt.models import CompanionArea
from sigap.bpnt.views import BPNT_ROLES
from sigap.core.access import get_for_user, has_role
from sigap.core.decorators import staff_required

# Everyone working BPNT may read the mapping; only the heads change it.
AREA_VIEW_ROLES = (*BPNT_ROLES, Role.HEAD_OF_OFFICE)
# A ticket is handed over by the head of division (the head of office has no ticket pages).
TICKET_ASSIGN_ROLES = (Role.HEAD_OF_DIVISION,)


def may_manage_areas(user) -> bool:
    return user.is_superuser or has_role(user, *companions.AREA_MANAGER_ROLES)


@staff_required(*AREA_VIEW_ROLES)
def area_list(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    manager = may_manage_areas(request.user)
    form = AreaForm(request.POST or None, office=office) if manager else None
    errors: list[str] = []
    if request.method == "POST":
        if not manager:
            return HttpResponse(status=403)
        if form.is_valid():
            try:
                companions.area_assign(
                    office=office,
                    companion=form.cleaned_data["companion"],
                    region_code=form.cleaned_data["region_code"],
                    assigned_by=request.user,
                )
            except ValidationError as exc:
                errors = [str(m) for m in exc.messages]
            else:
                messages.success(request, _("Area assigned."))
                return redirect("bpnt:area_list")
    areas = list(companions.areas_for_user(request.user))
    names = companions.region_names({a.region_code for a in areas})
    return render(
        request,
        "bpnt/area_list.html",
        {
            "rows": [(a, names.get(a.region_code, "")) for a in areas],
            "form": form,
            "errors": errors,
            "manager": manager,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_required(*companions.AREA_MANAGER_ROLES)
def area_remove(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_for_user(CompanionArea, request.user, pk=pk)
    companions.area_remove(area=area)
    messages.success(request, _("Area assignment removed."))
    return redirect("bpnt:area_list")


@require_POST
@staff_required(*TICKET_ASSIGN_ROLES)
def ticket_assign(request: HttpRequest, pk: int) -> HttpResponse:
    ticket = selectors.ticket_get_for_user(request.user, pk)
    form = AssignForm(request.POST, office=ticket.office)
    if not form.is_valid():
        messages.error(request, _("Choose a social companion of this office."))
        return redirect("bpnt:ticket_detail", ticket.pk)
    try:
        services.ticket_assign(ticket=ticket, assigned_to=form.cleaned_data["assigned_to"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Ticket assigned."))
    return redirect("bpnt:ticket_detail", ticket.pk)
