"""The hand-off button of the targets page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from jixiao.core.access import Act
from jixiao.web.handoff.services import KIND, targets_handoff
from jixiao.web.organisations.access import AuthenticatedHttpRequest, object_for
from jixiao.web.targets.models import TargetSet
from jixiao.web.targets.services import TargetsError


@login_required
@require_POST
def targets_handoff_view(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    target_set = object_for(TargetSet, request.user, pk, KIND, Act.EDIT)
    try:
        evaluation = targets_handoff(target_set=target_set, user=request.user)
    except TargetsError as exc:
        messages.error(request, exc.message)
        return redirect("targets:edit", pk)
    messages.success(request, "已根据绩效目标和监控数据生成自评表，请补充变化的内容。")
    return redirect(reverse("evaluations:edit", args=[evaluation.pk]))
