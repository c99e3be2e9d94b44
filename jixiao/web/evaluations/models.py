"""A stored self-evaluation form and its review rounds.

``data`` holds the form exactly as the core's JSON (``jixiao.core.serialization``); the row's
own columns (organisation, year, type, status) are what lists and permissions need. ``version``
counts saves, for optimistic locking. Every save is recorded by django-simple-history with the
user who made it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from jixiao.core.formtypes import FORM_TYPES, form_type_label
from jixiao.core.rulesets import RuleSet
from jixiao.web.documents.models import ReviewedDocument
from jixiao.web.evaluations.analysis import rules_named
from jixiao.web.organisations.models import Organisation

FORM_TYPE_CHOICES = [(entry.key, entry.label) for entry in FORM_TYPES.values()]


class Evaluation(ReviewedDocument):
    class FormType(models.TextChoices):
        # Named members for the queries that mean one type; labels come from the registry, and
        # the field's choices are every registered type (FORM_TYPE_CHOICES).
        DEPARTMENT = "department_overall", form_type_label("department_overall")
        PROJECT = "project", form_type_label("project")

    organisation = models.ForeignKey(
        Organisation, verbose_name="填报单位", on_delete=models.PROTECT, related_name="evaluations"
    )
    year = models.PositiveIntegerField("被评价年度")
    form_type = models.CharField("表单类型", max_length=30, choices=FORM_TYPE_CHOICES)
    title = models.CharField("名称", max_length=300)
    data = models.JSONField("表单内容")
    ruleset_id = models.CharField("规则集", max_length=50)
    # The version of the rule set that judged this form: a newer version of the same rule set
    # never re-judges a past year ("" only for rows older than this field).
    ruleset_version = models.CharField("规则集版本", max_length=30, blank=True, default="")
    submit_explanation = models.TextField("提交情况说明", blank=True, default="")

    history = HistoricalRecords(
        verbose_name="修改记录", excluded_fields=["updated_at", "created_at"]
    )

    class Meta:
        verbose_name = "绩效自评表"
        verbose_name_plural = "绩效自评表"
        ordering = ("-year", "organisation__path", "title")
        constraints = (
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(form_type="department_overall"),
                name="one_department_form_per_organisation_and_year",
            ),
            models.UniqueConstraint(
                fields=["organisation", "year", "title"],
                condition=models.Q(form_type="project"),
                name="one_project_form_per_organisation_year_and_name",
            ),
            models.CheckConstraint(condition=models.Q(version__gte=1), name="version_positive"),
        )

    def __str__(self) -> str:
        return f"{self.year}年度 {self.title}"

    @property
    def rules(self) -> RuleSet:
        """The rule set, at the version, that judged this form."""
        return rules_named(self.ruleset_id, self.form_type, self.ruleset_version or None)


class ReviewRound(models.Model):
    """One submission and what the reviewers decided about it. The submitted form is kept, so
    the next round can show what changed since."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name="表单", on_delete=models.CASCADE, related_name="rounds"
    )
    number = models.PositiveIntegerField("轮次")
    submitted_data = models.JSONField("提交时的表单内容")
    submitted_version = models.PositiveIntegerField("提交时的版本")
    explanation = models.TextField("情况说明", blank=True, default="")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="提交人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("提交时间", auto_now_add=True)

    class Meta:
        verbose_name = "审核轮次"
        verbose_name_plural = "审核轮次"
        ordering = ("evaluation", "number")
        constraints = (
            models.UniqueConstraint(fields=["evaluation", "number"], name="round_number_unique"),
        )

    def __str__(self) -> str:
        return f"{self.evaluation} 第{self.number}轮"


class ReviewDecision(models.Model):
    """A reviewer's decision within a round, with the comment the unit reads."""

    class Stage(models.TextChoices):
        DEPARTMENT = "department", "主管部门审核"
        FINANCE = "finance", "财政审核"

    class Outcome(models.TextChoices):
        APPROVED = "approved", "通过"
        RETURNED = "returned", "退回"

    round = models.ForeignKey(
        ReviewRound, verbose_name="轮次", on_delete=models.CASCADE, related_name="decisions"
    )
    stage = models.CharField("环节", max_length=20, choices=Stage.choices)
    outcome = models.CharField("结论", max_length=20, choices=Outcome.choices)
    comment = models.TextField("审核意见", blank=True, default="")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", auto_now_add=True)

    class Meta:
        verbose_name = "审核意见"
        verbose_name_plural = "审核意见"
        ordering = ("round", "decided_at", "pk")
        constraints = (
            models.UniqueConstraint(fields=["round", "stage"], name="one_decision_per_stage"),
        )

    def __str__(self) -> str:
        return f"{self.get_stage_display()}：{self.get_outcome_display()}"


class ImportPreview(models.Model):
    """The forms read from an uploaded file, waiting for the person to confirm them.

    Kept in the database rather than the session (a session carrying several big previews made
    every page slow), for a limited time and up to a limited size, and only for their owner."""

    token = models.CharField("凭据", max_length=40, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.CASCADE, related_name="+"
    )
    filename = models.CharField("文件名", max_length=255)
    forms = models.JSONField("读取到的表单")
    size = models.PositiveIntegerField("大小（字节）")
    created_at = models.DateTimeField("上传时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "导入预览"
        verbose_name_plural = "导入预览"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.filename
