"""The 自评 season: a task the bureau issues (下发自评任务) with its due dates, the departments'
earlier dates for their units, per-unit extensions, every reminder sent, the audit log of the
task, each form's list figures, and the bureau's re-scoring (复核评分).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao.core.season import PROGRESS_LABELS
from jixiao.web.evaluations.models import FORM_TYPE_CHOICES, Evaluation
from jixiao.web.organisations.models import Organisation


class Task(models.Model):
    class Status(models.TextChoices):
        ISSUED = "issued", "已下发"
        WITHDRAWN = "withdrawn", "已撤回"

    issuer = models.ForeignKey(
        Organisation, verbose_name="下发单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("被评价年度")
    title = models.CharField("任务名称", max_length=200)
    form_types = models.JSONField("表单类型", default=list)
    project_min_budget = models.DecimalField(
        "项目门槛（年初预算，万元）", max_digits=17, decimal_places=2, null=True, blank=True
    )
    project_names = models.TextField("指定项目（每行一个）", blank=True, default="")
    # The rule set the forms started for the task are judged by (blank: each type's default),
    # at the version it had when the task was issued.
    ruleset_id = models.CharField("评分规则集", max_length=50, blank=True, default="")
    ruleset_version = models.CharField("规则集版本", max_length=30, blank=True, default="")
    unit_due = models.DateField("单位截止日期")
    department_due = models.DateField("主管部门截止日期")
    instructions = models.TextField("填报说明", blank=True, default="")
    attachment = models.FileField("附件", upload_to="season/tasks/%Y/", blank=True)
    remind_before_days = models.JSONField("提前提醒天数", default=list)
    remind_overdue = models.BooleanField("逾期每日提醒", default=True)
    status = models.CharField(
        "状态", max_length=20, choices=Status.choices, default=Status.ISSUED, db_index=True
    )
    withdraw_reason = models.TextField("撤回原因", blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="下发人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("下发时间", auto_now_add=True)

    class Meta:
        verbose_name = "自评任务"
        verbose_name_plural = "自评任务"
        ordering = ("-year", "-created_at")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(unit_due__lte=models.F("department_due")),
                name="task_units_due_before_department",
            ),
        )

    def __str__(self) -> str:
        return self.title

    @property
    def form_type_labels(self) -> list[str]:
        labels = dict(FORM_TYPE_CHOICES)
        return [labels.get(t, t) for t in self.form_types]

    @property
    def named_projects(self) -> set[str]:
        return {line.strip() for line in self.project_names.splitlines() if line.strip()}


class TaskDepartment(models.Model):
    """A department the task was issued to; ``unit_due`` is the earlier date it set for its
    units (None: the task's)."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="departments"
    )
    department = models.ForeignKey(
        Organisation, verbose_name="主管部门", on_delete=models.PROTECT, related_name="+"
    )
    unit_due = models.DateField("本部门单位截止日期", null=True, blank=True)

    class Meta:
        verbose_name = "任务下发部门"
        verbose_name_plural = "任务下发部门"
        constraints = (
            models.UniqueConstraint(fields=["task", "department"], name="task_department_once"),
        )

    def __str__(self) -> str:
        return f"{self.task} · {self.department}"


class UnitDeadline(models.Model):
    """A unit's own due date on a task (an extension granted to it)."""

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="unit_deadlines"
    )
    unit = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.CASCADE, related_name="+"
    )
    due = models.DateField("截止日期")

    class Meta:
        verbose_name = "单位截止日期"
        verbose_name_plural = "单位截止日期"
        constraints = (models.UniqueConstraint(fields=["task", "unit"], name="unit_deadline_once"),)

    def __str__(self) -> str:
        return f"{self.unit} {self.due}"


class TaskEvent(models.Model):
    """The task's audit log: issued, dates set, extended, withdrawn, 催报 (who, when, why)."""

    class Action(models.TextChoices):
        ISSUED = "issued", "下发任务"
        DEPARTMENT_DUE = "department_due", "设置本部门截止日期"
        EXTENDED = "extended", "延期"
        WITHDRAWN = "withdrawn", "撤回任务"
        REMINDED = "reminded", "催报"

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField("操作", max_length=30, choices=Action.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="涉及单位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    detail = models.TextField("说明", blank=True, default="")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "任务操作记录"
        verbose_name_plural = "任务操作记录"
        ordering = ("-at", "-pk")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.detail}"


class Reminder(models.Model):
    """A reminder sent to a unit: automatic (before the due date, overdue) or 催报 by a
    person."""

    class Kind(models.TextChoices):
        BEFORE = "before", "到期前提醒"
        OVERDUE = "overdue", "逾期提醒"
        MANUAL = "manual", "催报"

    task = models.ForeignKey(
        Task, verbose_name="任务", on_delete=models.CASCADE, related_name="reminders"
    )
    unit = models.ForeignKey(
        Organisation, verbose_name="单位", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    message = models.TextField("内容")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="催报人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_on = models.DateField("日期")
    sent_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = "提醒记录"
        verbose_name_plural = "提醒记录"
        ordering = ("-sent_at", "-pk")
        indexes = (models.Index(fields=["task", "unit"], name="reminder_task_unit"),)

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit}"


class FormFacts(models.Model):
    """The one table of figures kept beside each stored form, for the lists (自评表, 待我处理,
    填报进度) and the dashboards alike, refreshed on every save from the core's reading of the
    form (:func:`jixiao.core.season.stored_figures`, in :mod:`jixiao.web.season.figures`):
    amounts in 万元, rate, the unit's score and grade; beside them the task the form belongs
    to, the bureau's score, when it was submitted and when it is due. Derived data:
    ``manage.py refresh_form_facts`` rebuilds it."""

    evaluation = models.OneToOneField(
        Evaluation,
        verbose_name="表单",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="facts",
    )
    # The form's identity, copied so that a dashboard reads this table alone.
    organisation = models.ForeignKey(
        Organisation, verbose_name="填报单位", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveIntegerField("被评价年度")
    form_type = models.CharField("表单类型", max_length=30)
    status = models.CharField("状态", max_length=30)
    consolidated = models.BooleanField("汇总表", default=False)
    task = models.ForeignKey(
        Task,
        verbose_name="自评任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forms",
    )
    # Department form: budgets and spending; project form: 全年预算数 (A) and 全年执行数 (B).
    initial_budget = models.DecimalField(
        "年初预算（万元）", max_digits=18, decimal_places=2, null=True, blank=True
    )
    adjusted_budget = models.DecimalField(
        "调整预算（全年预算数，万元）", max_digits=18, decimal_places=2, null=True, blank=True
    )
    actual_spending = models.DecimalField(
        "实际支出（全年执行数，万元）", max_digits=18, decimal_places=2, null=True, blank=True
    )
    task_funds = models.DecimalField(
        "任务涉及资金合计（万元）", max_digits=18, decimal_places=2, null=True, blank=True
    )
    rate = models.DecimalField("执行率/完成率", max_digits=12, decimal_places=2, null=True)
    self_score = models.DecimalField("自评得分", max_digits=7, decimal_places=2, null=True)
    self_grade = models.CharField("自评等级", max_length=10, blank=True, default="")
    bureau_score = models.DecimalField("复核得分", max_digits=7, decimal_places=2, null=True)
    bureau_grade = models.CharField("复核等级", max_length=10, blank=True, default="")
    grade = models.CharField("等级", max_length=10, blank=True, default="", db_index=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    due = models.DateField("截止日期", null=True, blank=True, db_index=True)
    # The form version the figures were computed from: a workflow step keeps the content (and
    # the version), so its save need not read the form again.
    version = models.PositiveIntegerField("表单版本", default=0)

    class Meta:
        verbose_name = "表单数据"
        verbose_name_plural = "表单数据"
        indexes = (models.Index(fields=["year", "form_type"], name="facts_year_type"),)

    def __str__(self) -> str:
        return f"{self.evaluation_id}"

    @property
    def score(self) -> object:
        return self.bureau_score if self.bureau_score is not None else self.self_score


class LineScore(models.Model):
    """The bureau's score for one line of a project form's score card, with its reason; the
    unit's own score for the line is kept beside it."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name="表单", on_delete=models.CASCADE, related_name="line_scores"
    )
    path = models.CharField("行", max_length=100)
    name = models.CharField("指标", max_length=300)
    points = models.DecimalField("分值", max_digits=7, decimal_places=2)
    self_score = models.DecimalField("自评得分", max_digits=7, decimal_places=2)
    bureau_score = models.DecimalField("复核得分", max_digits=7, decimal_places=2)
    reason = models.TextField("调整理由", blank=True, default="")
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="复核人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scored_at = models.DateTimeField("复核时间", auto_now=True)

    class Meta:
        verbose_name = "复核评分"
        verbose_name_plural = "复核评分"
        ordering = ("evaluation", "pk")
        constraints = (
            models.UniqueConstraint(fields=["evaluation", "path"], name="line_score_once"),
        )

    def __str__(self) -> str:
        return f"{self.name}: {self.bureau_score}"


PROGRESS_CHOICES = [(state.value, label) for state, label in PROGRESS_LABELS.items()]
