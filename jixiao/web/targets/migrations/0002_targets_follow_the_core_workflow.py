"""Target sets take the statuses of the core's workflow table, shared with the self-evaluation
forms: 审核通过 becomes 主管部门审核通过 (the step that approved them), in the history too."""

from django.db import migrations, models


def approved_by_the_department(apps, schema_editor):
    for name in ("TargetSet", "HistoricalTargetSet"):
        model = apps.get_model("targets", name)
        model.objects.filter(status="approved").update(status="dept_approved")


def approved(apps, schema_editor):
    for name in ("TargetSet", "HistoricalTargetSet"):
        model = apps.get_model("targets", name)
        model.objects.filter(status="dept_approved").update(status="approved")


class Migration(migrations.Migration):

    dependencies = [
        ('targets', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicaltargetset',
            name='status',
            field=models.CharField(choices=[('draft', '草稿'), ('submitted', '已提交'), ('dept_approved', '主管部门审核通过'), ('finance_approved', '财政审核通过'), ('returned', '退回'), ('published', '已公开')], db_index=True, default='draft', max_length=30, verbose_name='状态'),
        ),
        migrations.AlterField(
            model_name='targetset',
            name='status',
            field=models.CharField(choices=[('draft', '草稿'), ('submitted', '已提交'), ('dept_approved', '主管部门审核通过'), ('finance_approved', '财政审核通过'), ('returned', '退回'), ('published', '已公开')], db_index=True, default='draft', max_length=30, verbose_name='状态'),
        ),
        migrations.RunPython(approved_by_the_department, approved),
    ]
