"""Reads for requests: the staff's scoped lists and work queue, the checklist, SLA figures and
the public tracking view (which carries no personal data)."""

from datetime import datetime
from types import SimpleNamespace
from typing import Any, TypedDict

from django.core.cache import cache
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from sigap.applications import sla
from sigap.applications.models import (
    OPEN_STATUSES,
    CheckStatus,
    Request,
    RequestEvent,
    RequestStatus,
)
from sigap.applications.workflow import applicable_requirements, next_action
from sigap.core.access import get_for_user, scope_for_user
from sigap.standards.models import ProcedureStep, Requirement, ServiceStandard, StepAction


def requests_for_user(
    user,
    *,
    standard_code: str = "",
    status: str = "",
    overdue: bool = False,
    query: str = "",
) -> QuerySet[Request]:
    """The requests of the user's office, filtered; never another office's."""
    qs = scope_for_user(Request.objects.all(), user).select_related(
        "standard", "current_step", "assigned_to", "applicant_person"
    )
    if standard_code:
        qs = qs.filter(standard__code=standard_code)
    if status:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(status__in=OPEN_STATUSES, due_at__lt=timezone.now())
    if query:
        qs = qs.filter(code=query.upper().replace("-", "").replace(" ", ""))
    return qs.exclude(status=RequestStatus.DRAFT) if not status else qs


def request_for_user(user, code: str) -> Request:
    """One request of the user's office by its code; Http404 for anyone else."""
    qs = Request.objects.select_related(
        "standard", "office", "current_step", "assigned_to", "applicant_person"
    )
    return get_for_user(qs, user, code=code)


def queue_for_user(user) -> QuerySet[Request]:
    """Open requests whose current step waits for one of the user's roles in their office,
    the ones assigned to someone else left out; the most urgent first."""
    roles = list(user.roles)
    qs = (
        scope_for_user(Request.objects.all(), user)
        .filter(status__in=OPEN_STATUSES, current_step__role__in=roles)
        .filter(Q(assigned_to__isnull=True) | Q(assigned_to=user))
        .select_related("standard", "current_step", "assigned_to")
    )
    return qs.order_by(F("due_at").asc(nulls_last=True), "submitted_at")


class ChecklistItem(TypedDict):
    code: str
    label: str
    kind: str
    mandatory: bool
    status: str
    status_label: str
    note: str
    value: str
    uploads: list


def checklist(request: Request) -> list[ChecklistItem]:
    """Each requirement that applies to the request's product, with its check and uploads."""
    checks = {c.requirement_id: c for c in request.checks.all()}
    uploads: dict[int, list] = {}
    for upload in request.uploads.all():
        uploads.setdefault(upload.requirement_id, []).append(upload)
    items: list[ChecklistItem] = []
    for req in applicable_requirements(request):
        check = checks.get(req.pk)
        status = check.status if check else CheckStatus.PENDING
        items.append(
            {
                "code": req.code,
                "label": req.label,
                "kind": req.kind,
                "mandatory": req.mandatory,
                "status": status,
                "status_label": str(CheckStatus(status).label),
                "note": check.note if check else "",
                "value": check.value if check else "",
                "uploads": uploads.get(req.pk, []),
            }
        )
    return items


def missing_labels(request: Request) -> list[str]:
    labels = dict(request.standard.requirements.values_list("code", "label"))
    return [labels.get(code, code) for code in request.missing]


def time_left_text(request: Request) -> str:
    left = sla.time_left(request.due_at)
    if left is None or request.status not in OPEN_STATUSES:
        return ""
    return sla.format_duration(left)


class SlaFigures(TypedDict):
    total: int
    completed: int
    within_limit: int
    share: float | None


def counted_requests(
    *, office=None, standard_code: str | None = None, start: datetime, end: datetime
) -> QuerySet[Request]:
    """Requests submitted in [start, end) that count in SLA figures (drafts and cancelled ones
    excluded), optionally of one office and one service."""
    qs = Request.objects.filter(submitted_at__gte=start, submitted_at__lt=end).exclude(
        status__in=[RequestStatus.DRAFT, RequestStatus.CANCELLED]
    )
    if office is not None:
        qs = qs.filter(office=office)
    if standard_code:
        qs = qs.filter(standard__code=standard_code)
    return qs


# The SLA counts of a set of requests, as aggregate expressions (the on-time rule is sla's).
SLA_COUNTS = {
    "received": Count("pk"),
    "completed": Count("pk", filter=Q(status=RequestStatus.COMPLETED)),
    "rejected": Count("pk", filter=Q(status=RequestStatus.REJECTED)),
    "on_time": Count("pk", filter=sla.on_time_q()),
}


def sla_compliance(
    *, office=None, standard_code: str | None = None, start: datetime, end: datetime
) -> SlaFigures:
    """How many requests submitted in [start, end) were completed within the standard's limit.

    total: submitted in the period (drafts and cancelled ones excluded); completed: of those,
    completed; within_limit: completed by their due time (or with no time promised, as for
    per-incident help); share: within_limit / completed (None when nothing was completed).
    One query.
    """
    row = counted_requests(
        office=office, standard_code=standard_code, start=start, end=end
    ).aggregate(**SLA_COUNTS)
    n_completed, n_within = row["completed"], row["on_time"]
    return {
        "total": row["received"],
        "completed": n_completed,
        "within_limit": n_within,
        "share": round(n_within / n_completed, 4) if n_completed else None,
    }


def sla_by_month(
    *,
    office=None,
    standard_code: str | None = None,
    start: datetime,
    end: datetime,
    group_by: tuple[str, ...] = (),
) -> list[dict[str, Any]]:
    """Received, completed, rejected and on time per month of submission (local time) in one
    grouped query; `group_by` adds fields to group on (e.g. "standard__code", "assigned_to")."""
    return list(
        counted_requests(office=office, standard_code=standard_code, start=start, end=end)
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", *group_by)
        .order_by("month", *group_by)
        .annotate(**SLA_COUNTS)
    )


INTAKE_ACTION_LABELS = {
    "submit": _("Submitted"),
    "resubmit": _("Handed in again"),
    "cancel": _("Cancelled"),
    "claim": _("Taken up"),
    "assign": _("Assigned"),
}


def sla_by_service(*, office, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """sla_compliance for each service of an office with requests in the period."""
    codes = (
        Request.objects.filter(office=office, submitted_at__gte=start, submitted_at__lt=end)
        .values_list("standard__code", "standard__name")
        .distinct()
    )
    seen: dict[str, str] = {}
    for code, name in codes:
        seen.setdefault(code, name)
    return [
        {
            "standard_code": code,
            "service": name,
            **sla_compliance(office=office, standard_code=code, start=start, end=end),
        }
        for code, name in sorted(seen.items())
    ]


def action_label(action: str) -> str:
    if action in StepAction.values:
        return str(StepAction(action).label)
    return str(INTAKE_ACTION_LABELS.get(action, action))


# The columns the public tracking answer needs, and no more: the whole row with its standard,
# office and step (select_related) was 8,950 bytes wide, most of it texts nobody shows.
_TRACK_COLUMNS = (
    "pk",
    "code",
    "status",
    "version",
    "updated_at",
    "submitted_at",
    "due_at",
    "completed_at",
    "missing",
    "standard_id",
    "current_step_id",
)
TRACK_CACHE_SECONDS = 300


def track_info(code: str) -> dict[str, Any] | None:
    """The public view of a request: service, steps with dates, due time, status. No names,
    no NIK, no notes (notes may name people); missing requirements by their published label.

    One narrow indexed lookup, then the rest from the shared cache. The cache key holds the
    request's version and `updated_at` (every change of a request goes through `save()`, which
    moves `updated_at`; each action adds its event in the same transaction), so a change is seen
    at once; the published labels of a standard reach a cached answer within
    TRACK_CACHE_SECONDS. "Late" depends on the clock, so it is worked out on every call.
    """
    row = (
        Request.objects.filter(code=code)
        .exclude(status=RequestStatus.DRAFT)
        .values(*_TRACK_COLUMNS)
        .first()
    )
    if row is None:
        return None
    key = (
        f"track:{row['pk']}:{row['version']}:{row['updated_at'].timestamp()}:"
        f"{translation.get_language()}"
    )
    details = cache.get(key)
    if details is None:
        details = _track_details(row)
        cache.set(key, details, TRACK_CACHE_SECONDS)
    status = row["status"]
    due_at = row["due_at"]
    overdue = (
        due_at is not None
        and status in OPEN_STATUSES
        and (row["completed_at"] or timezone.now()) > due_at
    )
    return {
        **details,
        "code": row["code"],
        "status": status,
        "status_label": str(RequestStatus(status).label),
        "submitted_at": row["submitted_at"],
        "due_at": due_at,
        "completed_at": row["completed_at"],
        "overdue": overdue,
    }


def _track_details(row: dict[str, Any]) -> dict[str, Any]:
    """What changes only with the request's version: the labels, the steps and the history."""
    standard = ServiceStandard.objects.values(
        "name", "time_limit_text", "office__name", "office__region_code"
    ).get(pk=row["standard_id"])
    events = list(
        RequestEvent.objects.filter(request_id=row["pk"])
        .exclude(action__in=["claim", "assign"])
        .order_by("at", "pk")
        .values_list("at", "action", "to_status", "step_id", "step__order", "step__label")
    )
    step_rows = list(
        ProcedureStep.objects.filter(standard_id=row["standard_id"])
        .order_by("order")
        .values_list("pk", "order", "label")
    )
    current = next((s for s in step_rows if s[0] == row["current_step_id"]), None)
    done_orders = {order for _at, _a, _s, step_id, order, _l in events if step_id}
    steps = []
    for pk, order, label in step_rows:
        if current and pk == current[0]:
            state = "current"
        elif row["status"] == RequestStatus.COMPLETED or (current and order < current[1]):
            state = "done"
        else:
            state = "done" if order in done_orders and not current else "todo"
        steps.append({"order": order, "label": label, "state": state})
    missing: list[str] = []
    if row["status"] == RequestStatus.RETURNED and row["missing"]:
        labels = dict(
            Requirement.objects.filter(standard_id=row["standard_id"]).values_list("code", "label")
        )
        missing = [labels.get(code, code) for code in row["missing"]]
    return {
        "service": standard["name"],
        "office": standard["office__name"],
        # The zone the page writes times in (WITA for Tarakan): what the fmt filters read.
        "zone_of": SimpleNamespace(region_code=standard["office__region_code"] or ""),
        "time_limit_text": standard["time_limit_text"],
        "current_step": current[2] if current else "",
        "missing": missing,
        "steps": steps,
        "history": [
            {
                "at": at,
                "step": label if step_id else "",
                "action": action,
                "action_label": action_label(action),
                "status": to_status,
            }
            for at, action, to_status, step_id, _order, label in events
        ],
    }


def waiting_action_label(request: Request) -> str:
    action = next_action(request)
    return action_label(action) if action else ""


# What the submit button of each step action says: the verb the officer performs, not
# "Record: <action>" (a head of office "signs", a Kepala Bidang "initials").
ACTION_BUTTONS = {
    StepAction.RECEIVE: pgettext_lazy("action button", "Receive the request"),
    StepAction.CHECK: pgettext_lazy("action button", "Save the check"),
    StepAction.DISPOSE: pgettext_lazy("action button", "Send the disposition"),
    StepAction.REVIEW: pgettext_lazy("action button", "Send the review"),
    StepAction.ANALYSE: pgettext_lazy("action button", "Save the analysis and solution"),
    StepAction.DECIDE: pgettext_lazy("action button", "Save the decision"),
    StepAction.INITIAL: pgettext_lazy("action button", "Initial (paraf)"),
    StepAction.SIGN: pgettext_lazy("action button", "Sign"),
    StepAction.REGISTER: pgettext_lazy("action button", "Register in the agenda"),
    StepAction.CARRY_OUT: pgettext_lazy("action button", "Mark as carried out"),
    StepAction.PAY: pgettext_lazy("action button", "Record the payment"),
    StepAction.HAND_OVER: pgettext_lazy("action button", "Record the handover"),
}


def action_button_label(request: Request, action: str) -> str:
    """The button of `action` on the request's page. The last action of a step that hands the
    file to another role says so: "Teruskan ke Kepala Bidang"."""
    step = request.current_step
    if step is not None and action in (StepAction.RECEIVE, StepAction.CHECK, StepAction.DISPOSE):
        remaining = [a for a in step.actions if a not in request.done_actions and a != action]
        following = request.standard.steps.filter(order__gt=step.order).order_by("order").first()
        if not remaining and following is not None and following.role != step.role:
            return pgettext("action button", "%(done)s and pass to %(role)s") % {
                "done": ACTION_BUTTONS[StepAction(action)],
                "role": following.get_role_display(),
            }
    if action in StepAction.values:
        return str(ACTION_BUTTONS[StepAction(action)])
    return action_label(action)


def history_rows(request: Request) -> list[dict[str, Any]]:
    """The staff page's history: each event with its label, and the status it led to only
    where that says more than the label ("Diajukan", not "Diajukan (Diajukan)")."""
    rows = []
    for event in request.events.select_related("step", "actor"):
        label = action_label(event.action)
        status = ""
        if event.to_status and event.from_status != event.to_status:
            status = str(event.get_to_status_display())
            if status.casefold() == label.casefold():
                status = ""
        rows.append({"event": event, "label": label, "status": status})
    return rows


def finished_by(request: Request) -> str:
    """Who closed a finished request (the actor of the event that completed or rejected it)."""
    if request.is_open:
        return ""
    event = (
        request.events.filter(to_status=request.status, actor__isnull=False)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )
    return event.actor.display_name if event else ""
