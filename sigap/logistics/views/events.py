"""Staff pages of disaster events: list, create, detail with decrees and posts."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sigap.core.decorators import staff_required
from sigap.logistics.forms import EventForm, PoskoForm, StatusForm
from sigap.logistics.selectors import event_status_in_force, events_for_user
from sigap.logistics.services.events import (
    emergency_status_declare,
    emergency_status_extend,
    event_create,
    posko_create,
)
from sigap.logistics.views.common import (
    EVENT_EDIT_ROLES,
    LOGISTICS_ROLES,
    POSKO_ROLES,
    add_service_error,
    can,
    event_for_user,
    owns_event,
    require,
)


@staff_required(*LOGISTICS_ROLES)
def event_list(request: HttpRequest) -> HttpResponse:
    events = list(events_for_user(request.user).prefetch_related("regions", "statuses"))
    rows = [(event, event_status_in_force(event)) for event in events]
    return render(
        request,
        "logistics/event_list.html",
        {"rows": rows, "can_create": can(request.user, *EVENT_EDIT_ROLES)},
    )


@staff_required(*EVENT_EDIT_ROLES)
def event_new(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = event_create(office=request.user.office, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Event recorded. Now record the emergency status decree."))
            return redirect("logistics:event_detail", event.pk)
    return render(request, "logistics/form.html", {"form": form, "title": _("New disaster event")})


@staff_required(*LOGISTICS_ROLES)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user(request.user, pk)
    editable = owns_event(request.user, event)
    return render(
        request,
        "logistics/event_detail.html",
        {
            "event": event,
            "in_force": event_status_in_force(event),
            "statuses": event.statuses.all(),
            "posts": event.posts.all(),
            "requests": event.requests.all()[:50],
            "status_form": StatusForm(),
            "can_status": editable and can(request.user, *EVENT_EDIT_ROLES),
            "can_posko": editable and can(request.user, *POSKO_ROLES),
        },
    )


@staff_required(*EVENT_EDIT_ROLES)
def event_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Declares the emergency status, or records an extension when one exists."""
    event = event_for_user(request.user, pk)
    if not owns_event(request.user, event):
        raise PermissionDenied
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        declared = event.statuses.exists()
        if not declared and data["starts_on"] is None:
            form.add_error("starts_on", _("Give the first day of the emergency period."))
        else:
            try:
                if declared:
                    emergency_status_extend(event=event, user=request.user, **data)
                else:
                    emergency_status_declare(event=event, user=request.user, **data)
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("Emergency status decree recorded."))
                return redirect("logistics:event_detail", event.pk)
    return render(
        request,
        "logistics/form.html",
        {"form": form, "title": _("Emergency status decree"), "back": event},
    )


@staff_required(*POSKO_ROLES)
def posko_new(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user(request.user, pk)
    if not owns_event(request.user, event):
        raise PermissionDenied
    require(request.user, *POSKO_ROLES)
    form = PoskoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            posko_create(event=event, **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Post registered."))
            return redirect("logistics:event_detail", event.pk)
    return render(
        request,
        "logistics/form.html",
        {"form": form, "title": _("New post (posko)"), "back": event},
    )
