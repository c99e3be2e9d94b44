"""The JSON API (django-ninja, OpenAPI at /api/docs). Same permission check and services as the
UI: every route fetches its evaluation through :func:`access.evaluation_for`."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestInvalid

from jixiao.core.model.errors import error_message, error_path
from jixiao.core.serialization import FormReadError, form_from_data, form_to_data
from jixiao.core.workflow import Action, WorkflowError, WrongState
from jixiao.web.api.auth import AUTH, PersonThrottle, ReadOnlyToken, TokenLockedOut
from jixiao.web.api.schemas import (
    CommentIn,
    ComputeIn,
    ComputeOut,
    DraftIn,
    ErrorOut,
    EvaluationOut,
    EvaluationPage,
    HistoryOut,
    InvalidOut,
    ReturnIn,
    SubmitIn,
)
from jixiao.web.evaluations import selectors, services
from jixiao.web.evaluations.access import (
    AuthenticatedHttpRequest,
    actions_available,
    evaluation_for,
)
from jixiao.web.evaluations.analysis import Analysis, analyse, complete
from jixiao.web.evaluations.exports import (
    EXPORT_FORMATS,
    ExportUnavailable,
    attachment_header,
    export_bytes,
)
from jixiao.web.evaluations.models import Evaluation

api = NinjaAPI(
    title="jixiao 预算绩效管理接口",
    version="1",
    description=(
        "绩效自评表的查询、保存草稿、计算核验与审核流程。认证：请求头 "
        "`Authorization: Bearer <令牌>`，或浏览器登录会话（需 CSRF 令牌）。"
        "权限与网页相同：只能看到和操作本人角色范围内的表单。"
    ),
    auth=AUTH,
    urls_namespace="api",
    # Per person, whatever the token or session: a runaway program cannot starve the others.
    throttle=[PersonThrottle()],
)

TAGS = ["绩效自评表"]
# Every answer an operation may give besides its success, as the handlers below make them:
# 400 the body is not JSON or not a readable form; 401 no valid credentials; 403 no permission
# (or a read-only token); 404 not found or not visible; 409 the document's state forbids the
# step (wrong status, closed year, saved by someone else); 422 the request's shape is wrong;
# 429 too many requests or a locked-out address.
ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: InvalidOut,
    429: ErrorOut,
}


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc) or "没有权限"}, status=403)


# Where django-ninja says a value came from; the path after it is the field.
_SOURCES = frozenset({"body", "path", "query", "header", "cookie", "form", "file"})


@api.exception_handler(RequestInvalid)
def _invalid_request(request: HttpRequest, exc: RequestInvalid) -> HttpResponse:
    # ninja's own words are English; each problem is said in Chinese, the list is kept for
    # programs that read it.
    problems = []
    for item in exc.errors:
        location = list(item.get("loc", ()))
        while location and location[0] in _SOURCES:
            location.pop(0)
        path = error_path(location)
        message = error_message(item)
        problems.append(f"{path}：{message}" if path else message)
    detail = "请求内容不符合要求：" + "；".join(problems[:5])
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=422)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc, AuthenticationError) or exc.status_code == 401:
        detail = (
            "未登录或令牌无效：请在请求头 Authorization 中提供有效令牌（令牌可能已过期或被撤销），"
            "或先登录"
        )
    elif isinstance(exc, TokenLockedOut):
        detail = "令牌验证失败次数过多，来源地址已被暂时锁定，请稍后再试或联系系统管理员解锁"
    elif isinstance(exc, ReadOnlyToken):
        detail = str(exc)
    elif exc.status_code == 400:
        detail = "请求内容无法读取：请发送有效的 JSON"
    else:
        detail = _STATUS_TEXT.get(exc.status_code, "请求无法处理")
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


_STATUS_TEXT = {
    403: "没有权限",
    404: "没有找到",
    405: "不支持该请求方法",
    429: "请求过于频繁，请稍后再试",
}


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(request, {"detail": "没有找到该表单"}, status=404)


@api.exception_handler(WorkflowError)
def _workflow(request: HttpRequest, exc: WorkflowError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=400)


@api.exception_handler(WrongState)
def _wrong_state(request: HttpRequest, exc: WrongState) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=409)


@api.exception_handler(FormReadError)
def _bad_form(request: HttpRequest, exc: FormReadError) -> HttpResponse:
    detail = exc.message + ("：" + "；".join(exc.details[:5]) if exc.details else "")
    return api.create_response(request, {"detail": detail}, status=400)


@api.exception_handler(services.VersionConflict)
def _conflict(request: HttpRequest, exc: services.VersionConflict) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=409)


def _summary(e: Evaluation) -> dict[str, Any]:
    return {
        "id": e.pk,
        "year": e.year,
        "title": e.title,
        "organisation": e.organisation.name,
        "form_type": e.form_type,
        "status": e.status,
        "status_label": e.get_status_display(),
        "version": e.version,
        "updated_at": e.updated_at,
    }


def _analysis_out(analysis: Analysis) -> dict[str, Any]:
    return {
        "ruleset": analysis.ruleset,
        "findings": [f.to_dict() for f in analysis.findings],
        "figures": [{"path": f.path, "label": f.label, "text": f.text} for f in analysis.figures],
        "score": analysis.scorecard.as_data() if analysis.scorecard else None,
    }


def _detail(request: HttpRequest, e: Evaluation) -> dict[str, Any]:
    analysis = analyse(form_from_data(e.data, expected_type=e.form_type), e.rules)
    out = {**_summary(e), **_analysis_out(analysis)}
    out["data"] = e.data
    out["allowed_actions"] = [a.value for a in actions_available(request.user, e)]
    return out


@api.get(
    "/evaluations",
    response={200: EvaluationPage, **ERRORS},
    tags=TAGS,
    summary="可查看的表单列表（分页）",
    description=(
        "每页 page_size 条（默认 50，最多 200），page 从 1 开始。筛选：year、task（任务 id）、"
        "form_type、status、department（部门 id，含下属单位）、overdue=1（逾期未报）、grade、"
        "q（名称或单位）；排序 sort：updated、year、title、unit、budget、spent、rate、score、"
        "submitted、due，前加 - 为降序。"
    ),
)
def list_evaluations(request: AuthenticatedHttpRequest) -> dict[str, Any]:
    from jixiao.web.season.lists import listing

    size = request.GET.get("page_size", "")
    page_size = min(200, max(1, int(size))) if size.isdigit() else 50
    result = listing(
        selectors.evaluations_visible_to(request.user),
        request.GET,
        timezone.localdate(),
        page_size=page_size,
    )
    return {
        "count": result.page.paginator.count,
        "page": result.page.number,
        "pages": result.page.paginator.num_pages,
        "items": [
            {
                **_summary(row.evaluation),
                "budget": row.budget,
                "spent": row.spent,
                "rate": row.rate,
                "score": row.score,
                "self_score": row.self_score,
                "grade": row.grade,
                "submitted_at": row.submitted_at,
                "due": row.due,
                "days_late": row.late,
                "task": row.task_title,
            }
            for row in result.rows
        ],
    }


@api.get(
    "/evaluations/{pk}",
    response={200: EvaluationOut, **ERRORS},
    tags=TAGS,
    summary="表单内容与核验结果",
)
def get_evaluation(request: AuthenticatedHttpRequest, pk: int) -> dict[str, Any]:
    return _detail(request, evaluation_for(request.user, pk))


@api.post(
    "/evaluations/{pk}/compute",
    response={200: ComputeOut, **ERRORS},
    tags=TAGS,
    summary="计算并核验（不保存）",
)
def compute(request: AuthenticatedHttpRequest, pk: int, body: ComputeIn) -> dict[str, Any]:
    # The editor's live recomputation, for those who may edit the form (as in the browser).
    e = evaluation_for(request.user, pk, Action.EDIT)
    rules = e.rules
    form = complete(form_from_data({**body.data, "year": e.year}, expected_type=e.form_type), rules)
    return {**_analysis_out(analyse(form, rules)), "data": form_to_data(form)}


@api.put(
    "/evaluations/{pk}/draft",
    response={200: EvaluationOut, **ERRORS},
    tags=TAGS,
    summary="保存草稿（需提供打开时的版本号）",
)
def save_draft(request: AuthenticatedHttpRequest, pk: int, body: DraftIn) -> dict[str, Any]:
    e = evaluation_for(request.user, pk, Action.EDIT)
    saved = services.evaluation_save_draft(
        evaluation=e, data=body.data, expected_version=body.version, user=request.user
    )
    return _detail(request, saved)


@api.post(
    "/evaluations/{pk}/submit",
    response={200: EvaluationOut, **ERRORS},
    tags=TAGS,
    summary="提交审核",
)
def submit(request: AuthenticatedHttpRequest, pk: int, body: SubmitIn) -> dict[str, Any]:
    e = evaluation_for(request.user, pk)
    done = services.evaluation_submit(evaluation=e, user=request.user, explanation=body.explanation)
    return _detail(request, done)


@api.post(
    "/evaluations/{pk}/approve",
    response={200: EvaluationOut, **ERRORS},
    tags=TAGS,
    summary="审核通过",
)
def approve(request: AuthenticatedHttpRequest, pk: int, body: CommentIn) -> dict[str, Any]:
    e = evaluation_for(request.user, pk)
    done = services.evaluation_approve(evaluation=e, user=request.user, comment=body.comment)
    return _detail(request, done)


@api.post(
    "/evaluations/{pk}/return", response={200: EvaluationOut, **ERRORS}, tags=TAGS, summary="退回"
)
def return_(request: AuthenticatedHttpRequest, pk: int, body: ReturnIn) -> dict[str, Any]:
    e = evaluation_for(request.user, pk)
    done = services.evaluation_return(evaluation=e, user=request.user, comment=body.comment)
    return _detail(request, done)


@api.post(
    "/evaluations/{pk}/publish", response={200: EvaluationOut, **ERRORS}, tags=TAGS, summary="公开"
)
def publish(request: AuthenticatedHttpRequest, pk: int) -> dict[str, Any]:
    e = evaluation_for(request.user, pk)
    return _detail(request, services.evaluation_publish(evaluation=e, user=request.user))


@api.get(
    "/evaluations/{pk}/history",
    response={200: list[HistoryOut], **ERRORS},
    tags=TAGS,
    summary="修改记录",
)
def history(request: AuthenticatedHttpRequest, pk: int) -> list[Any]:
    return selectors.history_of(evaluation_for(request.user, pk))


@api.get(
    "/evaluations/{pk}/export/{fmt}",
    response={200: None, **ERRORS},
    tags=TAGS,
    summary="下载（xlsx、pdf、json）",
)
def export(request: AuthenticatedHttpRequest, pk: int, fmt: str) -> HttpResponse:
    e = evaluation_for(request.user, pk)
    if fmt not in EXPORT_FORMATS:
        known = "、".join(EXPORT_FORMATS)
        return api.create_response(
            request, {"detail": f"不支持该导出格式（可选：{known}）"}, status=404
        )
    try:
        content, media_type, filename = export_bytes(e, fmt)
    except ExportUnavailable as exc:
        return api.create_response(request, {"detail": exc.message}, status=400)
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = attachment_header(filename)
    return response
