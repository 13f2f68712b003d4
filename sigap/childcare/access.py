"""The single policy on who may see and do what with a child's case.

Rules (child-protection need-to-know, as case systems such as CPIMS+ and Primero apply them):
- OPEN a case (its page, documents, exports, API detail): only the staff ASSIGNED to it (its
  social worker and child companion), the Kepala Bidang (head_of_division) and the head of office
  of the office holding it. Nobody else: not other social workers of the same office, not the
  front office once the referral is registered, not the referring regency, not other offices,
  not the auditor, not a superuser. Everyone else gets a 404, so a case's existence is not revealed.
- READ the access log of the office's cases: head of office and auditor (inspectorate).
  The auditor reads who opened which case number, never the child's record itself.
- COUNTS (open cases, reviews due, outcomes) are visible to every staff member of the office and
  to the referring office for the cases it referred: they reveal no child.
- Names and NIKs are masked in every list and export; the full identity appears only on the
  case page, whose every opening is logged.
"""

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from sigap.accounts.roles import Role
from sigap.core.access import has_role, is_staff_member, log_access
from sigap.core.models import AccessAction

# Roles that can register a referral at the province office (the front office receives it).
REGISTER_ROLES = (Role.FRONT_OFFICE, Role.SOCIAL_WORKER, Role.HEAD_OF_DIVISION)
# Roles that open every case of their office (supervision of the assigned staff).
SUPERVISOR_ROLES = (Role.HEAD_OF_DIVISION, Role.HEAD_OF_OFFICE)
# Roles that assign and hand over cases.
ASSIGN_ROLES = (Role.HEAD_OF_DIVISION, Role.HEAD_OF_OFFICE)
# Roles that decide the placement (the standard's `placement` step).
PLACEMENT_ROLES = (Role.HEAD_OF_DIVISION,)
# Roles that read the access log of the office's cases.
ACCESS_LOG_ROLES = (Role.HEAD_OF_OFFICE, Role.AUDITOR)


def _in_office(user, case) -> bool:
    return is_staff_member(user) and user.office_id == case.office_id


def is_assigned(user, case) -> bool:
    return _in_office(user, case) and user.pk in (case.social_worker_id, case.child_companion_id)


def is_supervisor(user, case) -> bool:
    return _in_office(user, case) and has_role(user, *SUPERVISOR_ROLES)


def can_open(user, case) -> bool:
    """May `user` open this child's record? The one rule every view and endpoint uses."""
    return is_assigned(user, case) or is_supervisor(user, case)


def openable_cases(user, queryset: QuerySet | None = None) -> QuerySet:
    """The cases `user` may open (a list of them is still shown masked)."""
    from sigap.childcare.models import Case

    qs = Case.objects.all() if queryset is None else queryset
    if not is_staff_member(user) or not user.office_id:
        return qs.none()
    qs = qs.filter(office_id=user.office_id)
    if has_role(user, *SUPERVISOR_ROLES):
        return qs
    return qs.filter(Q(social_worker_id=user.pk) | Q(child_companion_id=user.pk))


def get_case_for_user(
    user,
    pk,
    *,
    request: HttpRequest | None = None,
    summary: str = "",
    action: str = AccessAction.VIEW,
    log: bool = True,
):
    """The case if `user` may open it (logging the opening), else Http404."""
    from sigap.childcare.models import Case

    try:
        case = Case.objects.select_related("child", "office", "referring_office").get(pk=int(pk))
    except (Case.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not can_open(user, case):
        raise Http404
    if log:
        log_access(user, case, action=action, summary=summary or case.code, request=request)
    return case


def can_register(user) -> bool:
    """Referrals are registered at a province office by its front office or the division."""
    from sigap.accounts.models import OfficeLevel

    return (
        is_staff_member(user)
        and has_role(user, *REGISTER_ROLES)
        and user.office is not None
        and user.office.level == OfficeLevel.PROVINCE
    )


def can_assign(user, case) -> bool:
    return _in_office(user, case) and has_role(user, *ASSIGN_ROLES)


def can_work_on(user, case) -> bool:
    """Record consent, assessment, health certificate, notes and reviews."""
    return is_assigned(user, case) or (
        _in_office(user, case) and has_role(user, Role.HEAD_OF_DIVISION)
    )


def can_place(user, case) -> bool:
    return _in_office(user, case) and has_role(user, *PLACEMENT_ROLES)


def can_close(user, case) -> bool:
    return _in_office(user, case) and (
        has_role(user, Role.HEAD_OF_DIVISION) or user.pk == case.social_worker_id
    )


def can_read_access_log(user) -> bool:
    return is_staff_member(user) and bool(user.office_id) and has_role(user, *ACCESS_LOG_ROLES)


def can_see_counts(user) -> bool:
    return is_staff_member(user) and bool(user.office_id)


def mask_name(name: str) -> str:
    """ "Anak Demo Rahayu" -> "A*** D*** R***": enough to tell rows apart, not to identify."""
    return " ".join(f"{word[0]}***" for word in name.split() if word) or "***"


def mask_nik(nik: str | None) -> str:
    """Only the last four digits: "************0001"; a child without NIK shows a dash."""
    if not nik:
        return "-"
    return "*" * (len(nik) - 4) + nik[-4:]
