import pytest

from sigap.accounts.roles import Role
from sigap.registry.models import Family, PayingChannel, Person, Programme, ProgrammeMembership

YEAR = 2026


def make_kpm(office, nik: str, village: str, *, name="SITI AMINAH", sp2d=True, dtks=True):
    family = Family.objects.create(kk_number=f"{nik[:6]}9{nik[-9:]}", village_code=village)
    person = Person.objects.create(nik=nik, name=name, village_code=village, family=family)
    ProgrammeMembership.objects.create(
        person=person,
        office=office,
        programme=Programme.BPNT,
        year=YEAR,
        kks_number="6013010000000001",
        channel=PayingChannel.POS,
        dtks_listed=dtks,
        sp2d_listed=sp2d,
    )
    return person


@pytest.fixture
def sragen(cast):
    return cast.office("sragen")


@pytest.fixture
def companion(cast):
    return cast.user("sragen", Role.SOCIAL_COMPANION)


@pytest.fixture
def kpm(sragen):
    return make_kpm(sragen, "3314010101800001", "33.14.01.2001")


def sign_drafts(cast, office_code: str = "sragen") -> list:
    """The Kepala Bidang signs every draft waiting (seed 004: the Dinas gives the letter)."""
    from sigap.bpnt import letters
    from sigap.bpnt.models import LetterDraft, LetterStatus

    kabid = cast.user(office_code, Role.HEAD_OF_DIVISION)
    waiting = LetterDraft.objects.filter(
        office__code=office_code, status=LetterStatus.AWAITING_INITIALS
    )
    return [letters.letter_sign(letter=draft, user=kabid) for draft in waiting]
