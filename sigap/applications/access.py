"""Who may do what to a request beyond taking its step (workflow.can_act decides that): intake,
adding files, cancelling. The pages and the API ask here."""

from sigap.accounts.roles import Role
from sigap.applications.models import OPEN_STATUSES, Request, RequestStatus
from sigap.core.access import has_role

# Who takes requests at the counter (and through the API on the applicant's behalf).
INTAKE_ROLES = (Role.FRONT_OFFICE, Role.CUSTOMER_SERVICE)


def may_take_intake(user) -> bool:
    return has_role(user, *INTAKE_ROLES)


def holds_current_step(user, req: Request) -> bool:
    step = req.current_step
    return step is not None and has_role(user, step.role)


def may_add_files(user, req: Request) -> bool:
    """A draft: the intake officers; later (a returned or open request): the step's holders."""
    if req.status == RequestStatus.DRAFT:
        return may_take_intake(user)
    return req.status in (RequestStatus.RETURNED, *OPEN_STATUSES) and holds_current_step(user, req)


def may_cancel(user, req: Request) -> bool:
    """The holders of the current step, or whoever opened a draft."""
    if holds_current_step(user, req):
        return True
    return req.status == RequestStatus.DRAFT and req.created_by_id == user.pk
