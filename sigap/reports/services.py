"""Writes of the reports app: the office's service pledge (Maklumat Pelayanan)."""

from datetime import date

from django.db import transaction

from sigap.accounts.roles import Role
from sigap.core.access import require_role
from sigap.reports.models import ServicePledge


@transaction.atomic
def pledge_save(*, user, text: str, effective_date: date) -> ServicePledge:
    """The head of office publishes their office's pledge; the signer is the user, as saved."""
    require_role(user, Role.HEAD_OF_OFFICE)
    pledge = ServicePledge.objects.filter(office=user.office).first() or ServicePledge(
        office=user.office
    )
    pledge.text = text
    pledge.effective_date = effective_date
    pledge.signer_name = user.full_name
    pledge.signer_nip = user.nip or ""
    pledge.full_clean()
    pledge.save()
    return pledge
