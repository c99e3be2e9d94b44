"""Starting a new form in the browser: which unit, which year, which form, blank or carried
over from last year's. The organisation is checked like an evaluation id: one the person does
not fill in for is 404 (unseen) or 403 (seen, not theirs to fill)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jixiao.core.formtypes import FORM_TYPES
from jixiao.core.workflow import WorkflowError
from jixiao.web.evaluations import selectors, services
from jixiao.web.evaluations.access import AuthenticatedHttpRequest, organisation_for_new_form
from jixiao.web.evaluations.models import FORM_TYPE_CHOICES, Evaluation

START_CHOICES = [
    ("blank", "空白表单"),
    ("previous", "沿用上一年度的表单"),
]


class NewEvaluationForm(forms.Form):
    organisation = forms.TypedChoiceField(label="填报单位", coerce=int)
    year = forms.IntegerField(label="被评价年度", min_value=1949, max_value=2200)
    form_type = forms.ChoiceField(
        label="表单类型", choices=FORM_TYPE_CHOICES, widget=forms.RadioSelect
    )
    project_name = forms.CharField(
        label="项目名称", required=False, max_length=300, help_text="项目支出绩效自评表必填"
    )
    start = forms.ChoiceField(
        label="开始方式", choices=START_CHOICES, initial="blank", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.TypedChoiceField)  # declared just above
        organisation.choices = [(o.pk, o.name) for o in organisations]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key = str(data.get("form_type") or "")
        named = key in FORM_TYPES and not FORM_TYPES[key].one_per_year
        if named and not data.get("project_name", "").strip():
            label = FORM_TYPES[key].label
            self.add_error("project_name", f"新建{label}时请填写项目名称。")
        return data


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    organisations = selectors.organisations_for_new_forms(request.user)
    if not organisations.exists():
        raise PermissionDenied("只有单位填报人或单位负责人可以新建表单")
    if request.method == "GET":
        form = NewEvaluationForm(
            organisations=organisations,
            initial={
                "organisation": organisations.first().pk,  # type: ignore[union-attr]
                "year": timezone.localdate().year - 1,
                "form_type": Evaluation.FormType.DEPARTMENT,
                "start": "blank",
            },
        )
        return render(request, "evaluations/new.html", {"form": form})
    # Checked before the form: another unit's id is an access question, not a typing error.
    organisation = organisation_for_new_form(request.user, request.POST.get("organisation"))
    form = NewEvaluationForm(request.POST, organisations=organisations)
    if form.is_valid():
        data = form.cleaned_data
        try:
            evaluation = services.evaluation_start(
                organisation=organisation,
                year=data["year"],
                form_type=data["form_type"],
                project_name=data["project_name"],
                carry_from_previous=data["start"] == "previous",
                user=request.user,
            )
        except WorkflowError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"已新建“{evaluation}”，请填写后保存。")
            return redirect("evaluations:edit", pk=evaluation.pk)
    return render(request, "evaluations/new.html", {"form": form}, status=400)
