"""Forms of the season pages; every error is said in Chinese next to its field."""

from __future__ import annotations

from typing import Any

from django import forms

from jixiao.core.rulesets import available_rulesets, load_ruleset
from jixiao.web.evaluations.analysis import ruleset_dirs
from jixiao.web.evaluations.models import FORM_TYPE_CHOICES
from jixiao.web.organisations.models import Organisation


class DateInput(forms.DateInput):
    input_type = "date"


class TaskForm(forms.Form):
    year = forms.IntegerField(label="被评价年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="任务名称", max_length=200)
    form_types = forms.MultipleChoiceField(
        label="表单类型",
        choices=FORM_TYPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一种表单类型。"},
    )
    project_min_budget = forms.DecimalField(
        label="项目门槛：年初预算不低于（万元，可不填）",
        required=False,
        min_value=0,
        max_digits=17,
        decimal_places=2,
    )
    project_names = forms.CharField(
        label="或指定项目（每行一个，可不填）", required=False, widget=forms.Textarea({"rows": 3})
    )
    departments = forms.ModelMultipleChoiceField(
        label="下发部门",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个主管部门。"},
    )
    ruleset_id = forms.ChoiceField(
        label="评分规则集（此后新建的表单按此评分）",
        required=False,
        error_messages={"invalid_choice": "所选评分规则集不存在，请重新选择。"},
    )
    unit_due = forms.DateField(label="单位截止日期", widget=DateInput)
    department_due = forms.DateField(label="主管部门截止日期（审核、汇总）", widget=DateInput)
    instructions = forms.CharField(
        label="填报说明", required=False, widget=forms.Textarea({"rows": 4})
    )
    attachment = forms.FileField(label="附件（通知文件等，可不传）", required=False)
    remind_before_days = forms.CharField(
        label="到期前提醒（提前天数，逗号分隔）", required=False, initial="7,3,1"
    )
    remind_overdue = forms.BooleanField(label="逾期后每天提醒", required=False, initial=True)

    def __init__(self, *args: Any, issuer: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = issuer.subtree().filter(  # type: ignore[attr-defined]
            kind=Organisation.Kind.DEPARTMENT
        )
        dirs = ruleset_dirs()
        self.fields["ruleset_id"].choices = [("", "按表单类型的默认规则集")] + [  # type: ignore[attr-defined]
            (key, f"{load_ruleset(key, dirs=dirs).name}（{key}）")
            for key in available_rulesets(dirs)
        ]

    def clean_remind_before_days(self) -> list[int]:
        raw = self.cleaned_data.get("remind_before_days", "") or ""
        days = []
        for part in raw.replace("，", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or int(part) > 60:
                raise forms.ValidationError("请填写 0 到 60 之间的整数天数，用逗号分隔，如 7,3,1。")
            days.append(int(part))
        return days


class ReasonDateForm(forms.Form):
    due = forms.DateField(label="新的截止日期", widget=DateInput)
    reason = forms.CharField(label="原因", max_length=2000)
    unit = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DueForm(forms.Form):
    department = forms.IntegerField(widget=forms.HiddenInput)
    unit_due = forms.DateField(label="本部门单位截止日期", widget=DateInput)
