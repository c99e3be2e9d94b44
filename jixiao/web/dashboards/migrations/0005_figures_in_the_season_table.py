"""The dashboards chart the season's one table of figures kept beside each form; their own
copy goes (its rows were computed again there first)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("dashboards", "0004_dashboard_snapshots"),
        ("season", "0004_figures_of_every_form"),
    ]

    operations = [migrations.DeleteModel(name="FormFigures")]
