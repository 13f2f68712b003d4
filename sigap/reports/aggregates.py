"""Percentile aggregate: percentile_cont on PostgreSQL, computed in Python elsewhere (SQLite)."""

from django.db import connection
from django.db.models import Aggregate, FloatField, QuerySet


class PercentileCont(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(%(percentile)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, percentile: float, **extra):
        super().__init__(expression, percentile=percentile, **extra)


def percentiles(qs: QuerySet, field: str, fractions: tuple[float, ...]) -> list[float | None]:
    """Percentiles (continuous, linear interpolation) of a numeric annotated field of qs."""
    if connection.vendor == "postgresql":
        row = qs.aggregate(**{f"p{i}": PercentileCont(field, f) for i, f in enumerate(fractions)})
        return [row[f"p{i}"] for i in range(len(fractions))]
    # Portable fallback (tests, small databases): same interpolation as percentile_cont.
    values = sorted(v for v in qs.values_list(field, flat=True) if v is not None)
    return [interpolate(values, f) for f in fractions]


def interpolate(values: list[float], fraction: float) -> float | None:
    """percentile_cont of already sorted values: linear between the two nearest ranks."""
    if not values:
        return None
    pos = fraction * (len(values) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (pos - lo)


def interpolate_counts(pairs: list[tuple[float, int]], fraction: float) -> float | None:
    """`interpolate` over a histogram: (value, count) pairs sorted by value."""
    total = sum(n for _v, n in pairs)
    if not total:
        return None
    pos = fraction * (total - 1)
    lo_rank, hi_rank = int(pos), min(int(pos) + 1, total - 1)
    lo = hi = None
    seen = 0
    for value, n in pairs:
        if lo is None and lo_rank < seen + n:
            lo = value
        if hi_rank < seen + n:
            hi = value
            break
        seen += n
    return lo + (hi - lo) * (pos - int(pos))
