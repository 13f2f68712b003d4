"""Reads of child cases: masked lists, counts for dashboards, centres with occupancy, the log.

Lists are always masked (see `sigap.childcare.access`); counts reveal no child.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sigap.childcare import access
from sigap.childcare.models import Case, CaseStatus, Centre, Outcome, Placement
from sigap.core.models import AccessLog


@dataclass(frozen=True)
class CaseRow:
    """A case as a list or export shows it: the child's identity masked."""

    pk: int
    code: str
    child_masked: str
    nik_masked: str
    status: str
    status_label: str
    next_review_on: object
    review_overdue: bool
    review_due: bool
    centre: str


def case_rows(cases) -> list[CaseRow]:
    """Masked rows of a queryset or list of cases."""
    if isinstance(cases, QuerySet):
        cases = cases.select_related("child", "placement__centre")
    rows = []
    for case in cases:
        placement = getattr(case, "placement", None)
        rows.append(
            CaseRow(
                pk=case.pk,
                code=case.code,
                child_masked=access.mask_name(case.child.name),
                nik_masked=access.mask_nik(case.child.nik),
                status=case.status,
                status_label=str(case.get_status_display()),
                next_review_on=case.next_review_on,
                review_overdue=case.review_overdue,
                review_due=case.review_due,
                centre=placement.centre.name if placement else "",
            )
        )
    return rows


def cases_for_list(user, *, status: str = "", due_only: bool = False) -> QuerySet[Case]:
    qs = access.openable_cases(user).order_by("-created_at")
    if status in CaseStatus.values:
        qs = qs.filter(status=status)
    if due_only:
        qs = qs.filter(status=CaseStatus.PLACED, next_review_on__lte=timezone.localdate())
    return qs


def _counts(qs: QuerySet[Case]) -> dict:
    today = timezone.localdate()
    totals = qs.aggregate(
        open=Count("pk", filter=~Q(status=CaseStatus.CLOSED)),
        due_for_review=Count("pk", filter=Q(status=CaseStatus.PLACED, next_review_on__lte=today)),
    )
    by_outcome = {value: 0 for value in Outcome.values}
    for row in (
        qs.filter(status=CaseStatus.CLOSED).values("outcome").annotate(n=Count("pk")).order_by()
    ):
        by_outcome[row["outcome"]] = row["n"]
    return {
        "open": totals["open"] or 0,
        "due_for_review": totals["due_for_review"] or 0,
        "by_outcome": by_outcome,
    }


def cases_counts(*, office) -> dict:
    """Counts only, for dashboards: {"open", "due_for_review", "by_outcome": {outcome: n}}."""
    return _counts(Case.objects.filter(office=office))


def referred_counts(*, referring_office) -> dict:
    """The same counts for the cases a regency/city office referred (it sees no child)."""
    return _counts(Case.objects.filter(referring_office=referring_office))


@dataclass(frozen=True)
class CentreRow:
    centre: Centre
    occupied: int

    @property
    def free(self) -> int:
        return max(self.centre.capacity - self.occupied, 0)

    @property
    def is_full(self) -> bool:
        return self.free == 0


def centres_with_occupancy(*, office) -> list[CentreRow]:
    occupied = dict(
        Placement.objects.filter(is_active=True, centre__office=office)
        .values_list("centre_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        CentreRow(centre=centre, occupied=occupied.get(centre.pk, 0))
        for centre in Centre.objects.filter(office=office, is_active=True).order_by("name")
    ]


def case_access_log(*, office) -> QuerySet[AccessLog]:
    """Every opening of a case of `office` (and of its documents), newest first."""
    case_ids = [str(pk) for pk in Case.objects.filter(office=office).values_list("pk", flat=True)]
    return (
        AccessLog.objects.filter(object_type="childcare.case", object_id__in=case_ids)
        .select_related("user")
        .order_by("-at", "-pk")
    )


def case_codes(ids) -> dict[str, str]:
    return {str(pk): code for pk, code in Case.objects.filter(pk__in=ids).values_list("pk", "code")}


def issued_documents_for(case: Case):
    """The documents the documents app issued for this case (the BAST)."""
    from django.contrib.contenttypes.models import ContentType

    from sigap.documents.models import IssuedDocument

    return IssuedDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Case), object_id=str(case.pk)
    ).order_by("issued_at")
