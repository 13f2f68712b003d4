"""Who may act on, read, and see the complainant of a complaint: the ONE place for these rules.

Complaints officer and customer service act; head of office, head of division and auditor read.
Every office that handled a complaint (referral) keeps reading it; only the office holding it
acts. A confidential complainant is shown to the complaints officer only.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from sigap.accounts.roles import Role
from sigap.complaints.models import Complaint
from sigap.core.access import get_for_user, has_role, log_access, scope_for_user

ACT_ROLES = frozenset({Role.COMPLAINTS_OFFICER, Role.CUSTOMER_SERVICE})
READ_ROLES = ACT_ROLES | {Role.HEAD_OF_OFFICE, Role.HEAD_OF_DIVISION, Role.AUDITOR}
# Who sets the office's complaint deadlines and days off.
SETTINGS_ROLES = (Role.HEAD_OF_OFFICE, Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER)


def _holds(user, roles) -> bool:
    return bool(user.is_superuser or has_role(user, *roles))


def complaints_for_user(user) -> QuerySet[Complaint]:
    """Complaints of every office the user's office handled; PermissionDenied for other roles."""
    if not _holds(user, READ_ROLES):
        raise PermissionDenied
    return scope_for_user(Complaint.objects.all(), user, office_field="involved_offices").distinct()


def complaint_for_user(user, code: str) -> Complaint:
    """One complaint by tracking code: 404 outside the offices that handled it, 403 wrong role."""
    complaint = get_for_user(
        Complaint.objects.select_related("office", "origin_office", "unit", "standard"),
        user,
        office_field="involved_offices",
        code=code,
    )
    if not _holds(user, READ_ROLES):
        raise PermissionDenied
    return complaint


def can_act(user, complaint: Complaint) -> bool:
    """Only the office that holds the complaint now acts on it, by its complaint handlers."""
    return _holds(user, ACT_ROLES) and (user.is_superuser or user.office_id == complaint.office_id)


def require_act(user, complaint: Complaint) -> None:
    if not can_act(user, complaint):
        raise PermissionDenied


def can_see_identity(user, complaint: Complaint) -> bool:
    """Anonymous: nobody (nothing is stored). Confidential: the complaints officer only.

    Otherwise everyone who may read the complaint."""
    if complaint.anonymous:
        return False
    if complaint.confidential:
        return has_role(user, Role.COMPLAINTS_OFFICER)
    return _holds(user, READ_ROLES)


def complainant_identity(user, complaint: Complaint, *, request=None) -> dict[str, str] | None:
    """The complainant's contact for `user`, logged as a personal-data view; None if hidden."""
    if not can_see_identity(user, complaint):
        return None
    log_access(user, complaint, summary=f"complainant of {complaint.code}", request=request)
    return {
        "name": complaint.complainant_name,
        "phone": complaint.complainant_phone,
        "email": complaint.complainant_email,
        "address": complaint.complainant_address,
    }
