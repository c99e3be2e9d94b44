"""Every row now names its organisation: the column becomes required, and dashboards filter
by year and type."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("season", "0004_figures_of_every_form")]

    operations = [
        migrations.AlterField(
            "formfacts",
            "organisation",
            models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organisations.organisation",
                verbose_name="填报单位",
            ),
        ),
        migrations.AddIndex(
            "formfacts", models.Index(fields=["year", "form_type"], name="facts_year_type")
        ),
    ]
