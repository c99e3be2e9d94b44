"""A URL map with one view that fails, for the server-error tests."""

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.urls import path

from jixiao.web.urls import urlpatterns as real

handler500 = "jixiao.web.ops.requests.server_error"


def crash(request: HttpRequest) -> HttpResponse:
    raise ZeroDivisionError("a bug")


def database_gone(request: HttpRequest) -> HttpResponse:
    raise OperationalError("connection failed: the database system is shutting down")


urlpatterns = [path("crash/", crash), path("database-gone/", database_gone), *real]
