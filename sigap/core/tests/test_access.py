"""Office scoping: the one place that decides who sees what."""

import pytest
from django.http import Http404

from sigap.accounts.roles import Role
from sigap.core.access import get_for_user, log_access, scope_for_user
from sigap.core.models import AccessLog
from sigap.standards.models import ServiceStandard, TimeLimitKind


def _standard(office, code="svc"):
    return ServiceStandard.objects.create(
        office=office,
        code=code,
        name="Layanan",
        time_limit_kind=TimeLimitKind.MINUTES,
        time_limit_value=30,
        time_limit_text="30 menit",
        fee_text="Gratis",
    )


def test_regency_staff_cannot_read_another_regencys_records(cast):
    sragen_user = cast.user("sragen", Role.FRONT_OFFICE)
    tarakan_standard = _standard(cast.office("tarakan"))
    assert not scope_for_user(ServiceStandard.objects.all(), sragen_user).exists()
    with pytest.raises(Http404):
        get_for_user(ServiceStandard, sragen_user, pk=tarakan_standard.pk)


def test_staff_read_their_own_office_records(cast):
    user = cast.user("tarakan", Role.FRONT_OFFICE)
    standard = _standard(cast.office("tarakan"))
    assert get_for_user(ServiceStandard, user, pk=standard.pk) == standard


def test_province_sees_regency_records_only_with_oversight(cast):
    province_user = cast.user("banten", Role.HEAD_OF_DIVISION)
    lebak_standard = _standard(cast.office("lebak"))
    _standard(cast.office("sragen"), code="other")
    assert not scope_for_user(ServiceStandard.objects.all(), province_user).exists()
    seen = scope_for_user(ServiceStandard.objects.all(), province_user, province_oversight=True)
    assert list(seen) == [lebak_standard]


def test_anonymous_user_sees_nothing(cast, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    _standard(cast.office("tarakan"))
    assert not scope_for_user(ServiceStandard.objects.all(), AnonymousUser()).exists()


def test_malformed_lookup_is_a_404_not_a_500(cast):
    user = cast.user("tarakan", Role.FRONT_OFFICE)
    with pytest.raises(Http404):
        get_for_user(ServiceStandard, user, pk="not-a-number")


def test_access_log_is_append_only(cast):
    user = cast.user("tarakan", Role.FRONT_OFFICE)
    entry = log_access(user, user, summary="profile")
    assert AccessLog.objects.filter(object_id=str(user.pk)).count() == 1
    entry.summary = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
