"""The case's link to its request survives the move from an integer to a one-to-one field."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from sigap.childcare.models import Case
from sigap.childcare.tests.test_engine import file_referral

BEFORE = [("childcare", "0001_initial")]
AFTER = [("childcare", "0003_remove_case_request_id_ref")]


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_the_request_link_is_kept_backwards_and_forwards(team, standard):
    request = file_referral(team, standard)
    registered = team.register()  # on the case pages: no request
    linked = Case.objects.get(request=request)
    try:
        migrate(BEFORE)
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, request_id_ref FROM childcare_case ORDER BY id")
            refs = dict(cursor.fetchall())
        assert refs == {linked.pk: request.pk, registered.pk: None}
    finally:
        migrate(AFTER)
    assert Case.objects.get(pk=linked.pk).request_id == request.pk
    assert Case.objects.get(pk=registered.pk).request_id is None
