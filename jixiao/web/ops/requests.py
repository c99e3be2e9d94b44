"""A request id for every request: taken from the proxy's ``X-Request-ID`` when it sends a sane
one (so nginx's and jixiao's logs can be joined), made up otherwise; sent back in the response,
put on every log record written while the request runs, and shown on the server-error page."""

from __future__ import annotations

import logging
import re
import sys
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

HEADER = "X-Request-ID"
_SANE = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
current_request_id: ContextVar[str] = ContextVar("request_id", default="-")


def request_id_of(request: HttpRequest) -> str:
    return str(getattr(request, "request_id", "-"))


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(HEADER, "")
        request_id = offered if _SANE.match(offered) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


#: Seconds a client is asked to wait when the database could not be reached.
RETRY_AFTER_SECONDS = 5


def _database_unreachable() -> bool:
    """Whether the error being handled is the database refusing or dropping the connection
    (a restart, a fail-over, the connection limit), which passes by itself."""
    return isinstance(sys.exc_info()[1], OperationalError | InterfaceError)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The Chinese 500 page, with the request id to quote to the administrator. Like Django's
    own handler it needs no database: the template gets the id and nothing else.

    Django calls it while the error is being handled; when the error is the database being
    out of reach the page is a 503 instead, saying the request did not go through and to try
    again in a few seconds (with ``Retry-After``): a proxy or a client may retry, and the
    person knows it is passing, not a fault of theirs. Either way it is logged as an error
    with the request id."""
    context = {"request_id": request_id_of(request)}
    if _database_unreachable():
        page = loader.get_template("503.html").render(context)
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render(context))
