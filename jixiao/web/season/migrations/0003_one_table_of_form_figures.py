"""The figures kept beside each form become one table for the lists and the dashboards: the
season's row takes the dashboards' columns (the form's identity, amounts in 万元, 调整预算,
任务涉及资金). 0004 computes every form's row again from the core; 0005 makes the organisation
required. The dashboards' own ``FormFigures`` goes once 0004 filled the rows."""

import django.db.models.deletion
from django.db import migrations, models


def _money(label):
    return models.DecimalField(label, max_digits=18, decimal_places=2, null=True, blank=True)


class Migration(migrations.Migration):
    dependencies = [
        ("season", "0002_list_figures_of_existing_forms"),
        ("evaluations", "0004_form_types_from_registry"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="formfacts",
            options={"verbose_name": "表单数据", "verbose_name_plural": "表单数据"},
        ),
        migrations.RenameField("formfacts", "budget", "initial_budget"),
        migrations.RenameField("formfacts", "spent", "actual_spending"),
        migrations.AlterField("formfacts", "initial_budget", _money("年初预算（万元）")),
        migrations.AlterField(
            "formfacts", "actual_spending", _money("实际支出（全年执行数，万元）")
        ),
        migrations.AddField(
            "formfacts", "adjusted_budget", _money("调整预算（全年预算数，万元）")
        ),
        migrations.AddField("formfacts", "task_funds", _money("任务涉及资金合计（万元）")),
        migrations.AddField(
            "formfacts", "consolidated", models.BooleanField("汇总表", default=False)
        ),
        migrations.AddField(
            "formfacts",
            "organisation",
            models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="organisations.organisation",
                verbose_name="填报单位",
            ),
        ),
        migrations.AddField(
            "formfacts",
            "year",
            models.PositiveIntegerField("被评价年度", default=0),
            preserve_default=False,
        ),
        migrations.AddField(
            "formfacts",
            "form_type",
            models.CharField("表单类型", max_length=30, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            "formfacts",
            "status",
            models.CharField("状态", max_length=30, default=""),
            preserve_default=False,
        ),
        migrations.AlterField(
            "formfacts",
            "self_grade",
            models.CharField("自评等级", max_length=10, blank=True, default=""),
        ),
        migrations.AlterField(
            "formfacts",
            "bureau_grade",
            models.CharField("复核等级", max_length=10, blank=True, default=""),
        ),
        migrations.AlterField(
            "formfacts",
            "grade",
            models.CharField("等级", max_length=10, blank=True, default="", db_index=True),
        ),
    ]
