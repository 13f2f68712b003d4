"""Who may download an issued document: office scope, then the subject's own policy.

Apps whose records need a narrower rule (a child's case: only its case team) register one:
`register_subject_policy("childcare.case", lambda user, case: ...)`. Without a policy, the
staff of the document's office may download it.
"""

from collections.abc import Callable

from django.http import Http404

from sigap.accounts.roles import Role
from sigap.core.access import get_for_user, is_staff_member
from sigap.documents.models import IssuedDocument

# Who may do what with documents, for the pages and the API alike.
TEMPLATE_EDITORS = (Role.HEAD_OF_OFFICE, Role.ADMINISTRATOR)
REVOKERS = (Role.HEAD_OF_OFFICE, Role.ADMINISTRATOR)
AGENDA_ROLES = (
    Role.HEAD_OF_OFFICE,
    Role.HEAD_OF_DIVISION,
    Role.SECTION_HEAD,
    Role.FRONT_OFFICE,
    Role.BACK_OFFICE,
    Role.CUSTOMER_SERVICE,
    Role.ADMINISTRATOR,
    Role.AUDITOR,
)
AGENDA_WRITERS = tuple(role for role in AGENDA_ROLES if role != Role.AUDITOR)

SubjectPolicy = Callable[[object, object], bool]

_POLICIES: dict[str, SubjectPolicy] = {}


def register_subject_policy(model_label: str, fn: SubjectPolicy) -> None:
    """`model_label` as in Django's `_meta.label_lower`, e.g. "childcare.case"."""
    _POLICIES[model_label.lower()] = fn


def subject_policy_for(model_label: str) -> SubjectPolicy | None:
    return _POLICIES.get(model_label.lower())


def user_may_download(user, document: IssuedDocument) -> bool:
    if not is_staff_member(user):
        return False
    if not (user.is_superuser and not user.office_id) and document.office_id != user.office_id:
        return False
    policy = subject_policy_for(document.content_type.app_label + "." + document.content_type.model)
    if policy is None:
        return True
    subject = document.subject
    return subject is not None and bool(policy(user, subject))


def get_document_for_user(user, pk: int) -> IssuedDocument:
    """The document if `user` may download it; Http404 for everyone else (existence hidden)."""
    document = get_for_user(IssuedDocument.objects.select_related("content_type"), user, pk=pk)
    if not user_may_download(user, document):
        raise Http404
    return document
