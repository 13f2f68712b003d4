"""Who may answer a data subject's request for their data (UU 27/2022), in one place.

- RECORD a request and DOWNLOAD its export: the head of office (the controller's accountable
  official) and the administrator (who usually acts as the office's data protection officer).
  Only the officer who recorded a request may download its export, and only once.
- READ the register of subject requests (who asked, when, on what basis, NIK masked, what was
  exported, by whom): those two and the auditor (inspectorate). The auditor never sees the export.
- Everyone else: 403 on the pages and the API; another office's request answers 404.
Children's case files follow `sigap.childcare.access` on top of this (see childcare/privacy.py).
"""

from sigap.accounts.roles import Role
from sigap.core.access import get_for_user, has_role, is_staff_member

EXPORT_ROLES = (Role.HEAD_OF_OFFICE, Role.ADMINISTRATOR)
REGISTER_ROLES = (*EXPORT_ROLES, Role.AUDITOR)


def can_export(user) -> bool:
    return is_staff_member(user) and bool(user.office_id) and has_role(user, *EXPORT_ROLES)


def can_read_register(user) -> bool:
    return is_staff_member(user) and bool(user.office_id) and has_role(user, *REGISTER_ROLES)


def can_download(user, subject_request) -> bool:
    return can_export(user) and subject_request.recorded_by_id == user.pk


def get_request_for_user(user, pk):
    """A subject request of the user's own office (404 for other offices' requests)."""
    from sigap.privacy.models import SubjectRequest

    return get_for_user(SubjectRequest.objects.select_related("recorded_by", "office"), user, pk=pk)
