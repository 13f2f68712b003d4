"""The integer reference, copied into Case.request by 0002, is dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("childcare", "0002_case_request")]

    operations = [migrations.RemoveField(model_name="case", name="request_id_ref")]
