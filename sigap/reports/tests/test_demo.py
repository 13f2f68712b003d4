"""The reports demo: pledges and a year of closed requests, idempotent and quick."""

import time
from io import StringIO

from django.core.management.base import OutputWrapper
from django.utils import timezone

from sigap.accounts import demo as accounts_demo
from sigap.applications.models import Request
from sigap.core.codes import CODE_ALPHABET, CODE_LENGTH
from sigap.reports import demo, selectors
from sigap.reports.models import ServicePledge
from sigap.standards.services import standard_load_catalogue


def test_the_demo_gives_every_office_a_pledge_and_a_year_of_figures_once(db):
    out = OutputWrapper(StringIO())
    accounts_demo.load(stdout=out)
    standard_load_catalogue()
    started = time.perf_counter()
    demo.load(stdout=out)
    assert time.perf_counter() - started < 10
    made = Request.objects.count()
    assert made >= 5 * 12 * demo.PER_MONTH
    demo.load(stdout=out)
    assert Request.objects.count() == made
    tarakan = ServicePledge.objects.get(office__code="tarakan")
    assert tarakan.signer_name
    today = timezone.localdate()
    card = selectors.report_card(tarakan.office, year=today.year - (today.month == 1))
    assert card["sla"]["year"]["completed"] > 0
    assert card["rejection_reasons"]  # canned reasons, each shared by several rejections


def test_the_demo_history_uses_real_tracking_codes(db):
    out = OutputWrapper(StringIO())
    accounts_demo.load(stdout=out)
    standard_load_catalogue()
    demo.load(stdout=out)
    codes = sorted(Request.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) >= 5 * 12 * demo.PER_MONTH
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)
    # Not a counter under a fixed prefix: the leading symbol is spread over the alphabet.
    assert len({c[0] for c in codes}) > len(CODE_ALPHABET) // 2
