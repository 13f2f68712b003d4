"""Case.request_id_ref (a plain integer) becomes a real one-to-one link to the engine's request.

Existing values are copied; a value naming no request (none should exist) cannot be linked and
is left out. The old column goes in 0003 (PostgreSQL does not alter a table with pending
deferred-constraint checks in the same transaction).
"""

import django.db.models.deletion
from django.db import migrations, models


def copy_refs(apps, schema_editor):
    Case = apps.get_model("childcare", "Case")
    Request = apps.get_model("applications", "Request")
    linked = Case.objects.filter(request_id_ref__isnull=False)
    existing = set(
        Request.objects.filter(pk__in=linked.values_list("request_id_ref", flat=True)).values_list(
            "pk", flat=True
        )
    )
    for case in linked.only("pk", "request_id_ref"):
        if case.request_id_ref in existing:
            Case.objects.filter(pk=case.pk).update(request_id=case.request_id_ref)


def copy_back(apps, schema_editor):
    Case = apps.get_model("childcare", "Case")
    for case in Case.objects.filter(request__isnull=False).only("pk", "request_id"):
        Case.objects.filter(pk=case.pk).update(request_id_ref=case.request_id)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_request_office_submitted_index"),
        ("childcare", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="request",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="applications.request",
                verbose_name="request",
            ),
        ),
        migrations.RunPython(copy_refs, copy_back),
    ]
