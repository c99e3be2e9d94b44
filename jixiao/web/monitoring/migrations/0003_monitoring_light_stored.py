"""Each monitoring record keeps its traffic light, judged by the core at every save; the
records kept before are judged now, through the same function as a save."""

from django.db import migrations, models


def judge_existing(apps, schema_editor):
    from jixiao.web.monitoring.lights import lights_refresh_all

    lights_refresh_all(apps.get_model("monitoring", "MonitoringRecord"))


class Migration(migrations.Migration):

    dependencies = [
        ("monitoring", "0002_monitoring_records_are_versioned_documents"),
        # The rule set of a record is read from its organisation's forms.
        ("evaluations", "0005_import_previews"),
    ]

    operations = [
        migrations.AddField(
            model_name="monitoringrecord",
            name="light",
            field=models.CharField(
                choices=[("红", "红"), ("黄", "黄"), ("绿", "绿")],
                default="",
                editable=False,
                max_length=1,
                verbose_name="预警灯",
            ),
        ),
        migrations.RunPython(judge_existing, migrations.RunPython.noop),
    ]
