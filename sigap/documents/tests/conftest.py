"""Helpers for the documents tests: an issued letter for a subject record."""

import pytest

from sigap.accounts.models import Position
from sigap.accounts.roles import Role
from sigap.documents.services import document_issue
from sigap.documents.template_catalogue import sample_context


@pytest.fixture
def tarakan_head(cast):
    head = cast.user("tarakan", Role.HEAD_OF_OFFICE)
    head.full_name = "Arbain, SE., M. AP"
    head.rank = "Pembina Utama Muda/IV-c"
    head.position, _ = Position.objects.get_or_create(name="Kepala Dinas")
    head.save()
    return head


@pytest.fixture
def issue_letter(cast, tarakan_head):
    """Issues an sk-kks-lost letter of Tarakan whose subject is a staff account (any record)."""

    def _issue(*, office_code: str = "tarakan", subject=None, **overrides):
        office = cast.office(office_code)
        issuer = cast.user(office_code, Role.FRONT_OFFICE)
        kwargs = {
            "office": office,
            "template_code": "sk-kks-lost",
            "title": "Surat Keterangan KKS Hilang dan Setting E-Wallet",
            "subject": subject or issuer,
            "context": sample_context("sk-kks-lost"),
            "issued_by": issuer,
            "signer": tarakan_head if office_code == "tarakan" else None,
            "recipient": "KPM",
            "classification": "400.9.2",
        }
        kwargs.update(overrides)
        return document_issue(**kwargs)

    return _issue
