"""What the registry holds about a data subject: the person, their family card and their
programme memberships with this office (see sigap.privacy.sections for the contract)."""

from django.utils.translation import gettext_lazy as _

from sigap.privacy.sections import Contact, Section, Subject
from sigap.registry.models import Person
from sigap.registry.selectors import persons_visible_to

PERSON_LABELS = {
    "nik": _("NIK"),
    "name": _("name"),
    "sex": _("sex"),
    "birth_place": _("place of birth"),
    "birth_date": _("date of birth"),
    "address": _("address"),
    "village_code": _("village code"),
    "phone": _("phone"),
    "email": _("e-mail"),
    "kk_number": _("KK number"),
    "family_address": _("address on the family card"),
    "is_head_of_family": _("head of family"),
    "recorded_at": _("recorded at"),
}
MEMBERSHIP_LABELS = {
    "programme": _("programme"),
    "year": _("budget year"),
    "period": _("period / stage"),
    "status": _("status"),
    "kks_number": _("KKS card number"),
    "channel": _("paying channel"),
    "bank": _("bank"),
    "dtks_listed": _("listed in DTKS/DTSEN"),
    "dtks_date": _("DTKS/DTSEN listing date"),
    "sp2d_listed": _("listed in the SP2D payment data"),
}


def identify(subject: Subject, *, office, user) -> Subject:
    """The person with the subject's NIK, and how they can be recognised (name, phone, e-mail)."""
    found = Person.objects.filter(nik=subject.nik) if subject.nik else Person.objects.none()
    subject = subject.adding(person_ids=found.values_list("pk", flat=True))
    return subject.adding(contacts=_contacts(subject.person_ids))


def _contacts(person_ids) -> list[Contact]:
    persons = Person.objects.filter(pk__in=person_ids).only("name", "phone", "email")
    return [Contact(name=p.name, phone=p.phone, email=p.email) for p in persons]


def _person_item(person: Person) -> dict:
    family = person.family
    return {
        "nik": person.nik or "",
        "name": person.name,
        "sex": person.get_sex_display(),
        "birth_place": person.birth_place,
        "birth_date": person.birth_date,
        "address": person.address,
        "village_code": person.village_code,
        "phone": person.phone,
        "email": person.email,
        # The family card's number and address, never the other members (their own data).
        "kk_number": family.kk_number if family else "",
        "family_address": family.address if family else "",
        "is_head_of_family": bool(family and family.head_id == person.pk),
        "recorded_at": person.created_at,
    }


def subject_data(*, subject: Subject, office, user) -> list[Section]:
    """The person's registry record where the office may see it, and this office's lists."""
    if not subject.person_ids:
        return []
    persons = list(
        persons_visible_to(user).filter(pk__in=subject.person_ids).select_related("family")
    )
    memberships = [
        m
        for person in persons
        for m in person.memberships.filter(office=office).order_by("-year", "programme")
    ]
    return [
        Section(
            app="registry",
            key="registry.person",
            title=_("Registry: person and family card"),
            labels=PERSON_LABELS,
            items=[_person_item(p) for p in persons],
            note=_("The other members of the family card are not shown: that is their own data."),
            sources=tuple(("registry.person", str(p.pk)) for p in persons),
        ),
        Section(
            app="registry",
            key="registry.memberships",
            title=_("Registry: programme lists of this office"),
            labels=MEMBERSHIP_LABELS,
            items=[
                {
                    "programme": m.get_programme_display(),
                    "year": m.year,
                    "period": m.period,
                    "status": m.get_status_display(),
                    "kks_number": m.kks_number,
                    "channel": m.get_channel_display(),
                    "bank": m.get_bank_display(),
                    "dtks_listed": m.dtks_listed,
                    "dtks_date": m.dtks_date,
                    "sp2d_listed": m.sp2d_listed,
                }
                for m in memberships
            ],
            sources=tuple(("registry.programmemembership", str(m.pk)) for m in memberships),
        ),
    ]
