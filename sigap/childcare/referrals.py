"""Seed 003's inter-office referral: the regency's Dinsos sends the child to the province.

The standard asks for "Surat permohonan dari dinas sosial daerah kabupaten/kota" and "Hasil
asesmen dari Pekerja Sosial": a regency's social worker (Lebak) fills the referral for the
province's service (Banten) with both, and sends it. It arrives in the province's intake queue as
a request like one keyed in at the counter (filed through the engine, so the front office
receives and checks it), with the regency's letter and assessment among its files and the child
in its case. The regency follows it on its list of sent referrals: the request's status, the
case's stage and its outcome, never the child's record (access.py keeps that to the case team).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from sigap.accounts.roles import Role
from sigap.core.access import has_role, is_staff_member

# Who sends a referral for the regency's Dinsos (the worker who assessed, or the heads).
SEND_ROLES = (Role.SOCIAL_WORKER, Role.HEAD_OF_DIVISION, Role.HEAD_OF_OFFICE)
ASSESSMENT_REQUIREMENT = "assessment"
MSG_NO_PROVINCE_SERVICE = _(
    "The province above your office does not run the children's service in Sigap: send the "
    "referral on paper."
)
MSG_NOT_A_REGENCY = _("Only a regency or city Dinsos under a province sends a referral.")


def can_send(user) -> bool:
    return (
        is_staff_member(user)
        and has_role(user, *SEND_ROLES)
        and user.office is not None
        and user.office.parent_id is not None
    )


def province_standard(office):
    """The children's standard in force at the province above `office`, or None."""
    from sigap.standards.models import ServiceStandard
    from sigap.standards.selectors import standard_in_force

    if office is None or office.parent_id is None:
        return None
    codes = (
        ServiceStandard.objects.filter(office_id=office.parent_id, extra__extension="childcare")
        .values_list("code", flat=True)
        .distinct()
    )
    for code in codes:
        try:
            return standard_in_force(code=code)
        except Http404:  # no revision in force today
            continue
    return None


@transaction.atomic
def referral_send(*, sender, data: dict, request_letter, assessment):
    """Files the referral at the province for `sender`'s office; returns the engine's request."""
    from sigap.applications.models import Channel
    from sigap.applications.services import request_create
    from sigap.childcare.extension import REFERRAL_LETTER_REQUIREMENT

    if not can_send(sender):
        raise PermissionDenied(MSG_NOT_A_REGENCY)
    standard = province_standard(sender.office)
    if standard is None:
        raise ValidationError(MSG_NO_PROVINCE_SERVICE, code="no_province_service")
    # Filed without a province user: the engine's office rule is for the province's own staff;
    # the channel says it came in electronically, the case says who sent it.
    request = request_create(
        standard=standard,
        organisation={"kind": "office", "name": sender.office.name},
        channel=Channel.API,
        user=None,
        uploads={REFERRAL_LETTER_REQUIREMENT: request_letter, ASSESSMENT_REQUIREMENT: assessment},
        answers={"eligibility": "yes"},
        extension_data={**data, "referring_office": sender.office.pk, "sent_by": sender.pk},
    )
    return request


def referrals_sent(office):
    """The cases `office` referred, newest first, for its progress list (no child's record)."""
    from sigap.childcare.models import Case

    return (
        Case.objects.filter(referring_office=office)
        .select_related("request", "placement__centre", "office")
        .order_by("-created_at")
    )
