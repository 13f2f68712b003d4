"""What an app's `privacy.py` receives (`Subject`) and returns (`Section`): plain data, no tables.

An app's `privacy.py` may define two functions, found by name (like `demo.py`, `navigation.py`):

- `identify(subject: Subject, *, office, user) -> Subject`: optional; adds what the app can tell
  about who the subject is (the registry turns a NIK into person ids, requests turn a tracking
  code into its applicant and the person into their tracking codes). Called in SIGAP_APPS order,
  each app seeing what the apps before it found.
- `subject_data(*, subject: Subject, office, user) -> list[Section]`: what the app holds about
  the subject in `office`'s scope. It must return nothing about anyone else.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

# A value in an item: text, a number, a date, a yes/no, or a nested list of items (a checklist).
Value = str | int | float | bool | date | datetime | None | list[dict[str, Any]]


@dataclass(frozen=True)
class Contact:
    """How a person can be recognised in records that hold no person id (a complaint)."""

    name: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Subject:
    """Who the export is about, as far as the apps could tell.

    From the officer: `nik` and `codes` (the identity and tracking codes the requester proved)
    and `relation` ("self", "parent_guardian", "representative": see privacy.models).
    Added by the apps' `identify`: `person_ids` (registry persons), `references` (tracking codes
    of the subject's requests), `records` ((model label, pk) of records found to be theirs) and
    `contacts` (name, phone and e-mail as the registry holds them).
    """

    nik: str | None = None
    codes: frozenset[str] = frozenset()
    relation: str = "self"
    person_ids: frozenset[int] = frozenset()
    references: frozenset[str] = frozenset()
    records: frozenset[tuple[str, str]] = frozenset()
    contacts: frozenset[Contact] = frozenset()

    def adding(
        self,
        *,
        person_ids: Iterable[int] = (),
        references: Iterable[str] = (),
        records: Iterable[tuple[str, str]] = (),
        contacts: Iterable[Contact] = (),
    ) -> "Subject":
        return replace(
            self,
            person_ids=self.person_ids | frozenset(person_ids),
            references=self.references | frozenset(references),
            records=self.records | frozenset((label, str(pk)) for label, pk in records),
            contacts=self.contacts | frozenset(contacts),
        )

    def record_ids(self, label: str) -> set[str]:
        """The primary keys of the subject's records of one model (`"applications.request"`)."""
        return {pk for record_label, pk in self.records if record_label == label}


@dataclass(frozen=True)
class Section:
    """One kind of record an app holds about the subject.

    `labels` maps the stable field names of `items` (the machine-readable export) to the words
    shown in the PDF; nested lists of items use the same labels. `note` explains what was left
    out and why (another person's data, a child's safety). `sources` names the records read
    (model label, primary key) so the export is written to the access log record by record.
    """

    app: str
    key: str
    title: str
    labels: dict[str, str]
    items: list[dict[str, Value]] = field(default_factory=list)
    note: str = ""
    sources: tuple[tuple[str, str], ...] = ()

    @property
    def count(self) -> int:
        return len(self.items)


def same_name(a: str, b: str) -> bool:
    """Names compared without case and extra spaces ("SITI  aminah" == "Siti Aminah")."""
    return " ".join((a or "").casefold().split()) == " ".join((b or "").casefold().split())


def phone_digits(phone: str) -> str:
    """A phone number's digits, the country code made national ("62812..." -> "0812...")."""
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits
