"""Registry API for staff: person search and a person's record (NIK masked where needed)."""

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema

from sigap.api.auth import STAFF_AUTH
from sigap.core.access import log_access, require_role
from sigap.registry import selectors

router = Router(tags=["registry"])


class PersonOut(Schema):
    id: int
    nik: str
    name: str
    sex: str
    birth_date: date | None
    village_code: str
    kk_number: str


class MembershipOut(Schema):
    programme: str
    year: int
    period: str
    status: str
    office: str
    channel: str
    bank: str
    kks_number: str
    dtks_listed: bool
    dtks_date: date | None
    sp2d_listed: bool


class PersonDetailOut(PersonOut):
    birth_place: str
    address: str
    memberships: list[MembershipOut]
    family: list[PersonOut]


def _person(user, person) -> dict:
    return {
        "id": person.pk,
        "nik": selectors.nik_for(user, person.nik),
        "name": person.name,
        "sex": person.sex,
        "birth_date": person.birth_date,
        "village_code": person.village_code,
        "kk_number": selectors.nik_for(user, person.family.kk_number if person.family else ""),
    }


def _allowed(request: HttpRequest):
    user = request.auth
    if not user.is_superuser:
        require_role(user, *selectors.REGISTRY_ROLES)
    return user


@router.get("/registry/persons", response=list[PersonOut], auth=STAFF_AUTH)
def persons_search(request: HttpRequest, q: str = "", limit: int = 20):
    user = _allowed(request)
    return [_person(user, p) for p in selectors.persons_search(user=user, q=q, limit=limit)]


@router.get("/registry/persons/{person_id}", response=PersonDetailOut, auth=STAFF_AUTH)
def person_detail(request: HttpRequest, person_id: int):
    user = _allowed(request)
    person = selectors.person_get_for_user(user, person_id)
    log_access(user, person, summary="API registry person", request=request)
    kks_visible = selectors.can_see_full_nik(user)
    return {
        **_person(user, person),
        "birth_place": person.birth_place,
        "address": person.address,
        "memberships": [
            {
                "programme": m.programme,
                "year": m.year,
                "period": m.period,
                "status": m.status,
                "office": m.office.name,
                "channel": m.channel,
                "bank": m.bank,
                "kks_number": m.kks_number
                if kks_visible
                else selectors.nik_for(user, m.kks_number),
                "dtks_listed": m.dtks_listed,
                "dtks_date": m.dtks_date,
                "sp2d_listed": m.sp2d_listed,
            }
            for m in selectors.memberships_for_person(person)
        ],
        "family": [
            {**_person(user, member), "kk_number": ""}
            for member in selectors.family_members(person).select_related("family")
        ],
    }
