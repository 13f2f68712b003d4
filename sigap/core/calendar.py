"""Working-day arithmetic for deadlines: weekends and Indonesian national holidays are not
counted, nor the extra days off an office passes in (collective leave, cuti bersama)."""

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _national(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("ID", years=year).keys())


def national_holidays(year: int) -> dict[date, str]:
    """Indonesia's national holidays of `year` with their Indonesian names."""
    return dict(holidays.country_holidays("ID", years=year))


def is_working_day(day: date, *, extra_holidays: Iterable[date] = ()) -> bool:
    """Monday to Friday, not a national holiday and not one of `extra_holidays`."""
    return day.weekday() < 5 and day not in _national(day.year) and day not in set(extra_holidays)


def add_working_days(start: date, n: int, *, extra_holidays: Iterable[date] = ()) -> date:
    """The n-th working day after `start` (start itself is not counted; n=0 gives start).

    A complaint received on Friday with 3 working days to verify is due on Wednesday.
    Negative n counts backwards.
    """
    extra = frozenset(extra_holidays)
    step = 1 if n >= 0 else -1
    day, left = start, abs(n)
    while left:
        day += timedelta(days=step)
        if is_working_day(day, extra_holidays=extra):
            left -= 1
    return day


def working_days_between(a: date, b: date, *, extra_holidays: Iterable[date] = ()) -> int:
    """Working days after `a` up to and including `b`; negative when b is before a.

    `add_working_days(a, working_days_between(a, b)) == b` whenever b is a working day.
    """
    if b < a:
        return -working_days_between(b, a, extra_holidays=extra_holidays)
    extra = frozenset(extra_holidays)
    count, day = 0, a
    while day < b:
        day += timedelta(days=1)
        if is_working_day(day, extra_holidays=extra):
            count += 1
    return count
