from datetime import date

from sigap.core.calendar import add_working_days, is_working_day, working_days_between

# 2026-08-17 (Monday) is Independence Day.
FRIDAY_BEFORE_INDEPENDENCE_DAY = date(2026, 8, 14)


def test_three_working_days_skip_the_weekend_and_a_national_holiday():
    assert add_working_days(FRIDAY_BEFORE_INDEPENDENCE_DAY, 3) == date(2026, 8, 20)


def test_an_office_day_off_is_skipped_too():
    cuti_bersama = date(2026, 8, 18)
    due = add_working_days(FRIDAY_BEFORE_INDEPENDENCE_DAY, 3, extra_holidays=[cuti_bersama])
    assert due == date(2026, 8, 21)


def test_zero_working_days_is_the_start_and_negative_counts_back():
    assert add_working_days(date(2026, 8, 20), 0) == date(2026, 8, 20)
    assert add_working_days(date(2026, 8, 18), -1) == date(2026, 8, 14)


def test_working_days_between_is_the_inverse_of_adding():
    start = FRIDAY_BEFORE_INDEPENDENCE_DAY
    assert working_days_between(start, date(2026, 8, 20)) == 3
    assert working_days_between(date(2026, 8, 20), start) == -3
    assert working_days_between(start, start) == 0


def test_weekends_and_holidays_are_not_working_days():
    assert not is_working_day(date(2026, 8, 15))  # Saturday
    assert not is_working_day(date(2026, 8, 17))
    assert is_working_day(date(2026, 8, 18))


def test_sixty_working_days_across_christmas_and_new_year():
    # 2026-11-02 (Mon) + 60 working days, skipping 25 Dec, 1 Jan and Isra Mikraj (5 Jan 2027).
    assert add_working_days(date(2026, 11, 2), 60) == date(2027, 1, 28)
