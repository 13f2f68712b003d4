"""Seed 002: cash help once per incident, with the police letter, the route and a kwitansi."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sigap.accounts.roles import Role
from sigap.applications.models import RequestStatus
from sigap.applications.services import request_act, request_cancel, request_create
from sigap.applications.tests import factories
from sigap.cashaid.extension import CashAidExtension
from sigap.cashaid.models import CashAid
from sigap.cashaid.selectors import cashaid_totals
from sigap.cashaid.tests.conftest import intake_data


def file_help(standard, user, person, **overrides):
    return request_create(
        standard=standard,
        person=person,
        user=user,
        uploads={"police-letter": factories.pdf_file("polisi.pdf")},
        extension_data=intake_data(**overrides),
        issue_receipt=False,
    )


def act(request, user, action, data=None):
    return request_act(
        request=request, user=user, action=action, data=data or {}, expected_version=request.version
    )


def pay_out(request, sragen, amount="150000"):
    fo, bo = sragen[Role.FRONT_OFFICE], sragen[Role.BACK_OFFICE]
    request = act(request, fo, "receive")
    request = act(request, fo, "check", factories.all_checks(request))
    request = act(request, bo, "pay", {"amount_paid": amount})
    return act(request, bo, "hand_over", {"received_by": "Budi"})


def test_the_whole_path_ends_with_a_signed_numbered_kwitansi(kehabisan_bekal, sragen):
    person = factories.person("Budi Santoso", nik="3314012003900001")
    request = file_help(kehabisan_bekal, sragen[Role.FRONT_OFFICE], person)
    assert request.due_at is None  # once per incident: no clock
    request = pay_out(request, sragen)
    assert request.status == RequestStatus.COMPLETED
    aid = CashAid.objects.get(request=request)
    assert aid.amount_paid == 150000
    assert aid.receipt is not None and aid.receipt.number
    assert aid.receipt.signer == sragen[Role.BACK_OFFICE]
    assert "Budi" not in aid.receipt.title


def test_the_police_letter_is_required(kehabisan_bekal, sragen):
    with pytest.raises(ValidationError) as exc:
        request_create(
            standard=kehabisan_bekal,
            person=factories.person(nik="3314012003900002"),
            user=sragen[Role.FRONT_OFFICE],
            extension_data=intake_data(),
            issue_receipt=False,
        )
    assert "police-letter" in exc.value.message_dict
    assert not CashAid.objects.exists()


def test_intake_needs_the_next_office_on_the_route(kehabisan_bekal, sragen):
    with pytest.raises(ValidationError) as exc:
        file_help(
            kehabisan_bekal,
            sragen[Role.FRONT_OFFICE],
            factories.person(nik="3314012003900003"),
            next_office_text="",
        )
    assert "next_office_text" in exc.value.message_dict


def test_the_same_person_is_not_helped_twice_for_one_incident(kehabisan_bekal, sragen):
    person = factories.person(nik="3314012003900004")
    first = file_help(kehabisan_bekal, sragen[Role.FRONT_OFFICE], person)
    with pytest.raises(ValidationError) as exc:
        # The same letter number written differently is the same incident.
        file_help(
            kehabisan_bekal,
            sragen[Role.FRONT_OFFICE],
            person,
            police_letter_number="sket/123/xi/2026/polres  sragen",
        )
    message = exc.value.message_dict["police_letter_number"][0]
    assert first.code in message
    assert CashAid.objects.count() == 1


def test_the_database_refuses_a_second_active_record_for_one_incident(kehabisan_bekal, sragen):
    person = factories.person(nik="3314012003900005")
    first = file_help(kehabisan_bekal, sragen[Role.FRONT_OFFICE], person)
    aid = CashAid.objects.get(request=first)
    aid.pk = None
    aid.request = file_help(
        kehabisan_bekal, sragen[Role.FRONT_OFFICE], person, police_letter_number="OTHER/1"
    )
    CashAid.objects.filter(request=aid.request).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        aid.save()


def test_a_different_incident_is_helped_with_a_warning(kehabisan_bekal, sragen):
    person = factories.person(nik="3314012003900006")
    first = file_help(kehabisan_bekal, sragen[Role.FRONT_OFFICE], person)
    warnings = CashAidExtension().intake_warnings(
        standard=kehabisan_bekal,
        office=kehabisan_bekal.office,
        person=person,
        data={"police_letter_number": "SKET/999/XI/2026"},
    )
    assert len(warnings) == 1 and first.code in warnings[0]
    second = file_help(
        kehabisan_bekal, sragen[Role.FRONT_OFFICE], person, police_letter_number="SKET/999/XI/2026"
    )
    panels = CashAidExtension().panels(request=second, http_request=None)
    assert first.code in panels[0].context["warnings"][0]


def test_a_cancelled_request_releases_the_incident(kehabisan_bekal, sragen):
    person = factories.person(nik="3314012003900007")
    fo = sragen[Role.FRONT_OFFICE]
    first = file_help(kehabisan_bekal, fo, person)
    request_cancel(request=first, user=fo, expected_version=first.version, reason="Salah input")
    second = file_help(kehabisan_bekal, fo, person)
    assert second.status == RequestStatus.SUBMITTED


def test_the_cash_paid_cannot_exceed_the_recorded_amount(kehabisan_bekal, sragen):
    request = file_help(
        kehabisan_bekal, sragen[Role.FRONT_OFFICE], factories.person(nik="3314012003900008")
    )
    with pytest.raises(ValidationError):
        pay_out(request, sragen, amount="200000")


def test_totals_count_and_sum_paid_help_in_the_period(kehabisan_bekal, sragen):
    from datetime import timedelta

    from django.utils import timezone

    for i, amount in enumerate(("100000", "50000")):
        request = file_help(
            kehabisan_bekal,
            sragen[Role.FRONT_OFFICE],
            factories.person(nik=f"331401200390010{i}"),
            amount=amount,
        )
        pay_out(request, sragen, amount=amount)
    now = timezone.now()
    totals = cashaid_totals(
        office=kehabisan_bekal.office, start=now - timedelta(days=1), end=now + timedelta(days=1)
    )
    assert totals == {"count": 2, "total": 150000}


def test_help_per_month_for_the_dashboard(kehabisan_bekal, sragen):
    from datetime import timedelta

    from django.utils import timezone

    from sigap.cashaid.selectors import cashaid_by_month

    request = file_help(
        kehabisan_bekal, sragen[Role.FRONT_OFFICE], factories.person(nik="3314012003900201")
    )
    pay_out(request, sragen, amount="120000")
    now = timezone.now()
    rows = cashaid_by_month(
        office=kehabisan_bekal.office, start=now - timedelta(days=40), end=now + timedelta(days=1)
    )
    assert [(r["count"], r["total"]) for r in rows] == [(1, 120000)]
