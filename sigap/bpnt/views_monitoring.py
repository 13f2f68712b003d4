"""Staff pages of BPNT monitoring: visits with findings and follow-ups, education sessions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sigap.bpnt import monitoring
from sigap.bpnt.forms import AttendanceForm, SessionForm, VisitForm
from sigap.bpnt.models import EducationSession, MonitoringVisit
from sigap.bpnt.views import BPNT_ROLES, NIK_NOT_FOUND, person_by_nik
from sigap.core.access import get_for_user, log_access, scope_for_user
from sigap.core.decorators import staff_required
from sigap.registry.selectors import persons_visible_to


def _errors(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


@staff_required(*BPNT_ROLES)
def visit_list(request: HttpRequest) -> HttpResponse:
    office = request.user.office
    form = VisitForm(request.POST or None, office=office)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        nik = data.pop("nik").strip()
        person = None
        if nik:
            person = person_by_nik(request.user, nik)
            if person is None:
                form.add_error("nik", NIK_NOT_FOUND)
        if not form.errors:
            try:
                monitoring.visit_record(
                    office=office, visited_by=request.user, person=person, **data
                )
            except ValidationError as exc:
                errors = _errors(exc)
            else:
                messages.success(request, _("Visit recorded."))
                return redirect("bpnt:visit_list")
    visits = scope_for_user(
        MonitoringVisit.objects.select_related("person", "companion"), request.user
    )[:200]
    return render(
        request,
        "bpnt/visit_list.html",
        {"visits": visits, "form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@staff_required(*BPNT_ROLES)
def visit_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_for_user(MonitoringVisit, request.user, pk=pk)
    try:
        monitoring.visit_follow_up_close(visit=visit)
    except ValidationError as exc:
        for message in _errors(exc):
            messages.error(request, message)
    return redirect("bpnt:visit_list")


@staff_required(*BPNT_ROLES)
def session_list(request: HttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            session = monitoring.session_create(
                office=request.user.office, held_by=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            return redirect("bpnt:session_detail", session.pk)
    sessions = scope_for_user(EducationSession.objects.all(), request.user)[:200]
    return render(
        request,
        "bpnt/session_list.html",
        {"sessions": sessions, "form": form, "errors": errors},
        status=400 if request.method == "POST" else 200,
    )


@staff_required(*BPNT_ROLES)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_for_user(EducationSession, request.user, pk=pk)
    form = AttendanceForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            count = monitoring.session_attendance_add(
                session=session,
                niks=form.cleaned_data["niks"],
                visible=persons_visible_to(request.user),
            )
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("%(count)s attendees recorded.") % {"count": count})
            return redirect("bpnt:session_detail", session.pk)
    log_access(request.user, session, summary="BPNT session attendance", request=request)
    return render(
        request,
        "bpnt/session_detail.html",
        {
            "session": session,
            "attendees": session.attendees.order_by("name"),
            "form": form,
            "errors": errors,
        },
        status=400 if request.method == "POST" else 200,
    )
