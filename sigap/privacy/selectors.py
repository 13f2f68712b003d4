"""Reads: the register of data subject requests of the user's office."""

from django.db.models import QuerySet

from sigap.core.access import scope_for_user
from sigap.privacy.models import SubjectRequest


def register_for_user(user) -> QuerySet[SubjectRequest]:
    """The office's register, newest first (NIKs masked in every row)."""
    return scope_for_user(SubjectRequest.objects.select_related("recorded_by"), user)
