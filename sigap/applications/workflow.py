"""The engine: the standard's procedure steps, run in order, enforced on the server.

`request_act` is the only way a step moves. It locks the request row, checks the version the
officer saw, the step, the action and the role, validates the action's data, records a
RequestEvent, calls the service's extension hooks (same transaction) and moves the request on.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from sigap.api.errors import ConflictError
from sigap.applications import notify
from sigap.applications.action_forms import CheckForm, DueCheckForm, form_class_for
from sigap.applications.extensions import extension_for
from sigap.applications.models import (
    OPEN_STATUSES,
    CheckStatus,
    Request,
    RequestEvent,
    RequestStatus,
    RequirementCheck,
)
from sigap.core.access import has_role, visible_office_ids
from sigap.standards.models import ProcedureStep, StepAction

MSG_STALE = _(
    "Someone else changed this request after you opened it. Reload it to see what was done."
)
MSG_NOT_OPEN = _("This request is %(status)s: no step can be taken on it.")
MSG_NOT_OFFERED = _("The current step (%(step)s) does not offer this action.")
MSG_ALREADY_DONE = _("This action has already been taken at this step.")
MSG_OUT_OF_ORDER = _("Take the action '%(expected)s' of this step first.")
MSG_WRONG_ROLE = _("Your role may not act at this step: it needs %(role)s.")
MSG_ASSIGNED_ELSEWHERE = _("This step is assigned to %(name)s.")
MSG_UNKNOWN_REQUIREMENT = _("Unknown requirement: %(code)s.")
MSG_REQUIREMENT_DUE = _(
    "This step cannot go on until these requirements are complete: %(labels)s. "
    "Record them as complete first."
)


@dataclass
class Outcome:
    """What an action handler decided: keep going, return, reject or go back a step."""

    kind: str = "done"  # done | returned | rejected | back
    reason: str = ""
    missing: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


def applicable_requirements(request: Request):
    return [r for r in request.standard.requirements.all() if r.applies_to(request.product_code)]


def intake_requirements(request: Request):
    """The requirements the applicant hands in with the request (checked at the check step)."""
    return [r for r in applicable_requirements(request) if r.due_at_intake]


def requirements_due_at(request: Request, step: ProcedureStep | None):
    """The requirements that must be complete before `step` moves on (seed 003's consent)."""
    if step is None:
        return []
    return [r for r in applicable_requirements(request) if r.due_at_step == step.code]


def open_requirements_due_at(request: Request, step: ProcedureStep | None):
    """Those due at `step` not yet recorded as complete: the step's form asks for them."""
    due = requirements_due_at(request, step)
    if not due:
        return []
    complete = set(
        request.checks.filter(status=CheckStatus.COMPLETE).values_list("requirement_id", flat=True)
    )
    return [r for r in due if r.pk not in complete]


def due_step_labels(request: Request) -> dict[str, str]:
    """{requirement code: "3. <step label>"} for the requirements due after intake."""
    steps = {
        s.code: f"{s.order}. {Truncator(s.label).words(8)}" for s in request.standard.steps.all()
    }
    return {
        r.code: steps.get(r.due_at_step, r.due_at_step)
        for r in applicable_requirements(request)
        if not r.due_at_intake
    }


def next_action(request: Request) -> str | None:
    """The action the current step waits for (a step's actions are taken in their order)."""
    step = request.current_step
    if step is None or request.status not in OPEN_STATUSES:
        return None
    for action in step.actions:
        if action not in request.done_actions:
            return action
    return None


def can_act(request: Request, user) -> bool:
    step = request.current_step
    return bool(
        step is not None
        and request.status in OPEN_STATUSES
        and request.office_id == getattr(user, "office_id", None)
        and has_role(user, step.role)
        and (request.assigned_to_id in (None, user.pk))
    )


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    if hasattr(value, "pk"):
        return value.pk
    return value


def _checks_to_form_data(data: dict[str, Any]) -> dict[str, Any]:
    """The API sends checks as a list; the form wants flat `<code>__status` fields."""
    flat = {k: v for k, v in data.items() if k != "checks"}
    for item in data.get("checks") or []:
        code = item.get("requirement", "")
        flat[f"{code}__status"] = item.get("status", "")
        flat[f"{code}__note"] = item.get("note", "")
    return flat


def clean_action_data(request: Request, step: ProcedureStep, action: str, data: dict) -> dict:
    """Validates an action's data with its form (and the extension's); raises ValidationError."""
    data = dict(data or {})
    if action == StepAction.CHECK:
        form = CheckForm(_checks_to_form_data(data), requirements=intake_requirements(request))
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        cleaned: dict[str, Any] = {"checks": form.items()}
    else:
        form = form_class_for(action)(data)
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        cleaned = dict(form.cleaned_data)
    due = requirements_due_at(request, step)
    if due:
        # Findings on the requirements due at this step may come with any of its actions.
        due_form = DueCheckForm(_checks_to_form_data(data), requirements=due)
        if not due_form.is_valid():
            raise ValidationError(_form_errors(due_form))
        cleaned["due_checks"] = due_form.items()
    extra_form_class = extension_for(request.standard).action_form(
        request=request, step=step, action=action
    )
    if extra_form_class is not None:
        extra = extra_form_class(data)
        if not extra.is_valid():
            raise ValidationError(_form_errors(extra))
        cleaned.update(extra.cleaned_data)
    return cleaned


def _form_errors(form) -> dict[str, list]:
    return {name: list(errors) for name, errors in form.errors.items()}


# --- action handlers ---------------------------------------------------------------------------


def _handle_check(request: Request, step, data: dict, user) -> Outcome:
    requirements = {r.code: r for r in applicable_requirements(request)}
    now = timezone.now()
    missing = []
    for item in data["checks"]:
        req = requirements[item["requirement"]]
        RequirementCheck.objects.update_or_create(
            request=request,
            requirement=req,
            defaults={
                "status": item["status"],
                "note": item["note"],
                "checked_by": user,
                "checked_at": now,
            },
        )
        if item["status"] != CheckStatus.COMPLETE and req.mandatory:
            missing.append(req.code)
    if missing:
        return Outcome(kind="returned", missing=missing, reason=data.get("note", ""))
    return Outcome()


def _handle_decide(request: Request, step, data: dict, user) -> Outcome:
    decision = data["decision"]
    if decision == "reject":
        return Outcome(kind="rejected", reason=data["reason"])
    if decision == "return":
        kind = "returned" if data.get("return_to") == "applicant" else "back"
        return Outcome(kind=kind, reason=data["reason"])
    return Outcome()


def _handle_register(request: Request, step, data: dict, user) -> Outcome:
    from sigap.applications.letters import letter_issue

    document = letter_issue(request=request, user=user)
    if document is None:
        return Outcome()
    return Outcome(data={"document_id": document.pk, "document_number": document.number})


def _record_due_checks(request: Request, step: ProcedureStep, data: dict, user) -> None:
    """Stores the findings given with the action on the requirements due at this step."""
    requirements = {r.code: r for r in requirements_due_at(request, step)}
    now = timezone.now()
    for item in data.get("due_checks", []):
        RequirementCheck.objects.update_or_create(
            request=request,
            requirement=requirements[item["requirement"]],
            defaults={
                "status": item["status"],
                "note": item["note"],
                "checked_by": user,
                "checked_at": now,
            },
        )


def _refuse_unless_due_complete(request: Request, step: ProcedureStep) -> None:
    """A step does not move on while a mandatory requirement due at it is not complete."""
    pending = [r for r in open_requirements_due_at(request, step) if r.mandatory]
    if pending:
        labels = "; ".join(r.label for r in pending)
        raise ConflictError(str(MSG_REQUIREMENT_DUE % {"labels": labels}), code="requirement_due")


def _handle_draft_approval(request: Request, step, data: dict, user) -> Outcome:
    """Paraf and sign approve the letter's draft: keep the fingerprint of what was shown."""
    from sigap.applications.letters import letter_fingerprint

    fingerprint = letter_fingerprint(request=request, user=user)
    return Outcome(data={"draft_sha256": fingerprint} if fingerprint else {})


HANDLERS = {
    StepAction.CHECK: _handle_check,
    StepAction.INITIAL: _handle_draft_approval,
    StepAction.SIGN: _handle_draft_approval,
    StepAction.DECIDE: _handle_decide,
    StepAction.REGISTER: _handle_register,
}


# --- the engine ----------------------------------------------------------------------------------


def _lock(request: Request, user) -> Request:
    ids = visible_office_ids(user)
    locked = (
        Request.objects.select_for_update(of=("self",))
        .select_related("standard", "current_step", "office")
        .filter(pk=request.pk)
        .first()
    )
    if locked is None or (ids is not None and locked.office_id not in ids):
        raise Http404
    return locked


def _check_may_act(request: Request, user, action: str, expected_version: int) -> ProcedureStep:
    if request.version != expected_version:
        raise ConflictError(str(MSG_STALE), code="stale")
    if request.status not in OPEN_STATUSES:
        raise ConflictError(
            str(MSG_NOT_OPEN % {"status": request.get_status_display()}), code="not_open"
        )
    step = request.current_step
    if step is None or action not in step.actions:
        label = step.label if step else "-"
        raise ConflictError(str(MSG_NOT_OFFERED % {"step": label}), code="not_offered")
    if action in request.done_actions:
        raise ConflictError(str(MSG_ALREADY_DONE), code="already_done")
    expected = next_action(request)
    if action != expected:
        label = StepAction(expected).label if expected in StepAction.values else expected
        raise ConflictError(str(MSG_OUT_OF_ORDER % {"expected": label}), code="out_of_order")
    if request.office_id != getattr(user, "office_id", None) or not has_role(user, step.role):
        raise PermissionDenied(MSG_WRONG_ROLE % {"role": step.get_role_display()})
    if request.assigned_to_id and request.assigned_to_id != user.pk:
        raise ConflictError(
            str(MSG_ASSIGNED_ELSEWHERE % {"name": request.assigned_to.display_name}),
            code="assigned_elsewhere",
        )
    return step


def _next_step(step: ProcedureStep) -> ProcedureStep | None:
    return ProcedureStep.objects.filter(standard_id=step.standard_id, order__gt=step.order).first()


def _previous_step(step: ProcedureStep) -> ProcedureStep | None:
    return (
        ProcedureStep.objects.filter(standard_id=step.standard_id, order__lt=step.order)
        .order_by("-order")
        .first()
    )


def _apply(request: Request, step: ProcedureStep, action: str, outcome: Outcome) -> None:
    """Moves the request according to the outcome of the action."""
    now = timezone.now()
    if outcome.kind == "rejected":
        request.status = RequestStatus.REJECTED
        request.return_reason = outcome.reason
        request.completed_at = now
        request.current_step = None
        request.done_actions = []
        request.assigned_to = None
        return
    if outcome.kind == "returned":
        # Back to the applicant: the same step runs again once the file is handed in complete.
        request.status = RequestStatus.RETURNED
        request.missing = outcome.missing
        request.return_reason = outcome.reason
        request.done_actions = []
        return
    if outcome.kind == "back":
        previous = _previous_step(step) or step
        request.current_step = previous
        request.done_actions = []
        request.assigned_to = None
        request.return_reason = outcome.reason
        return
    request.done_actions = [*request.done_actions, action]
    if any(a not in request.done_actions for a in step.actions):
        return
    following = _next_step(step)
    request.assigned_to = None
    request.done_actions = []
    if following is None:
        request.status = RequestStatus.COMPLETED
        request.completed_at = now
        request.current_step = None
    else:
        request.current_step = following


def request_act(
    *, request: Request, user, action: str, data: dict | None, expected_version: int
) -> Request:
    """Takes `action` at the request's current step for `user`.

    Raises Http404 (other office), PermissionDenied (role), ConflictError (stale version, wrong
    step, out of order, assigned elsewhere) or ValidationError (the action's data).
    """
    with transaction.atomic():
        locked = _lock(request, user)
        step = _check_may_act(locked, user, action, expected_version)
        cleaned = clean_action_data(locked, step, action, data or {})
        extension = extension_for(locked.standard)
        extension.before_action(request=locked, step=step, action=action, data=cleaned, user=user)

        from_status = locked.status
        if locked.status == RequestStatus.SUBMITTED:
            locked.status = RequestStatus.IN_PROGRESS
        _record_due_checks(locked, step, cleaned, user)
        handler = HANDLERS.get(action)
        outcome = handler(locked, step, cleaned, user) if handler else Outcome()
        if outcome.kind == "done":
            _refuse_unless_due_complete(locked, step)
        recorded = _json({**cleaned, **outcome.data})
        recorded.update({"by": user.pk, "by_name": user.display_name, "at": _json(timezone.now())})
        locked.step_data = {
            **locked.step_data,
            step.code: {**locked.step_data.get(step.code, {}), action: recorded},
        }
        extension.after_action(request=locked, step=step, action=action, data=cleaned, user=user)
        _apply(locked, step, action, outcome)
        locked.version += 1
        locked.save()
        note = cleaned.get("note") or cleaned.get("reason") or ""
        RequestEvent.objects.create(
            request=locked,
            step=step,
            action=action,
            actor=user,
            note=note,
            data=recorded,
            from_status=from_status,
            to_status=locked.status,
        )
        if locked.status != from_status:
            extension.after_status_change(
                request=locked, from_status=from_status, to_status=locked.status, user=user
            )
            notify.status_changed(locked)
    return locked
