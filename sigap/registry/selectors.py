"""Reads of the registry, and the one rule of who sees which person.

Visibility: persons are shared between offices (one NIK, one person). A staff member sees a
person who is on a programme list of an office they may see (their own; a province also sees
its regencies' lists, as sigap.core.access allows with province oversight), or who lives in
their office's area (village code under the office's region code). Superusers see everyone.
The full NIK is shown only to the roles in FULL_NIK_ROLES; everyone else sees it masked.
"""

import re

from django.conf import settings
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from sigap.accounts.roles import Role
from sigap.core.access import has_role, is_staff_member, visible_office_ids
from sigap.identity import mask_nik
from sigap.registry.models import Person, ProgrammeMembership

FULL_NIK_ROLES = frozenset(
    {
        Role.FRONT_OFFICE,
        Role.BACK_OFFICE,
        Role.VERIFIER,
        Role.SOCIAL_WORKER,
        Role.SOCIAL_COMPANION,
        Role.HEAD_OF_DIVISION,
        Role.HEAD_OF_OFFICE,
    }
)
# Roles that may open the registry at all (with a masked NIK unless also in FULL_NIK_ROLES).
REGISTRY_ROLES = FULL_NIK_ROLES | {
    Role.SECTION_HEAD,
    Role.SOCIAL_COUNSELLOR,
    Role.CUSTOMER_SERVICE,
    Role.COMPLAINTS_OFFICER,
    Role.TKSK,
    Role.AUDITOR,
}
IMPORT_ROLES = frozenset({Role.BACK_OFFICE, Role.VERIFIER, Role.HEAD_OF_DIVISION})


def import_body_limit() -> int:
    """The largest import request body: the file's cap plus room for the form's other fields."""
    return settings.SIGAP_IMPORT_MAX_BYTES + 64 * 1024


SEARCH_LIMIT_MAX = 50
NAME_CANDIDATES = 20  # distinct names tried, best first, until the limit of persons is reached


def can_see_full_nik(user) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, *FULL_NIK_ROLES)


def nik_for(user, nik: str | None) -> str:
    if not nik:
        return ""
    return nik if can_see_full_nik(user) else mask_nik(nik)


def persons_visible_to(user) -> QuerySet[Person]:
    """THE visibility rule of the registry (see the module docstring)."""
    offices = visible_office_ids(user, province_oversight=True)
    if offices is None:
        return Person.objects.all()
    if not offices:
        return Person.objects.none()
    from sigap.accounts.models import Office

    regions = Office.objects.filter(pk__in=offices).values_list("region_code", flat=True)
    area = Q()
    for code in regions:
        if code:
            area |= Q(village_code__startswith=f"{code}.")
    # A correlated EXISTS (index on person, programme, year), not `pk IN (all the office's
    # memberships)`: checked per candidate row, it stays fast on 10^6 memberships.
    listed = ProgrammeMembership.objects.filter(person_id=OuterRef("pk"), office_id__in=offices)
    return Person.objects.filter(Q(Exists(listed)) | area)


def persons_search(*, user, q: str, limit: int = 20) -> list[Person]:
    """NIK or KK number (16 digits, exact), otherwise the name, tolerant of spelling.

    PostgreSQL: the closest distinct names by trigram similarity (the lexicon's GIN index,
    migration 0005), then the visible persons bearing each, best name first (btree on the
    name). SQLite: a plain LIKE.
    """
    if not is_staff_member(user):
        return []
    q = (q or "").strip()
    limit = max(1, min(int(limit), SEARCH_LIMIT_MAX))
    visible = persons_visible_to(user).select_related("family")
    digits = re.sub(r"[\s.\-]", "", q)
    if digits.isdigit() and len(digits) == 16:
        # Two indexed lookups, not one OR across the join (a sequential scan on 10^6 rows).
        ids = list(Person.objects.filter(nik=digits).values_list("pk", flat=True))
        ids += list(
            Person.objects.filter(family__kk_number=digits).values_list("pk", flat=True)[:limit]
        )
        return list(visible.filter(pk__in=ids).order_by("name")[:limit])
    if len(q) < 3:
        return []
    if connection.vendor == "postgresql":
        found: list[Person] = []
        # Name by name, best first: each a btree lookup that stops at the limit, so a name
        # shared by thousands of persons costs no more than a rare one.
        for name in _similar_names(q, NAME_CANDIDATES):
            found += visible.filter(name=name).order_by("pk")[: limit - len(found)]
            if len(found) >= limit:
                break
        return found
    return list(visible.filter(name__icontains=q).order_by("name")[:limit])


def import_batches_for_user(user):
    from sigap.core.access import scope_for_user
    from sigap.registry.models import ImportBatch

    return scope_for_user(ImportBatch.objects.select_related("office"), user)


def _similar_names(q: str, limit: int) -> list[str]:
    """Distinct names most like `q`: similarity over the threshold (the `%` operator, served
    by the trigram index), or containing `q` as a close word sequence (`<%`)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM registry_person_name_lexicon WHERE name %% %s OR %s <%% name "
            "ORDER BY greatest(similarity(name, %s), word_similarity(%s, name)) DESC, name "
            "LIMIT %s",
            [q, q, q, q, limit],
        )
        return [row[0] for row in cursor.fetchall()]


def person_get_for_user(user, pk: int) -> Person:
    """The person, or Http404 for anyone who may not see them."""
    try:
        return persons_visible_to(user).select_related("family").get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def memberships_for_person(person: Person) -> QuerySet[ProgrammeMembership]:
    return person.memberships.select_related("office").order_by("-year", "programme")


def family_members(person: Person) -> QuerySet[Person]:
    if not person.family_id:
        return Person.objects.none()
    return Person.objects.filter(family_id=person.family_id).exclude(pk=person.pk).order_by("name")
