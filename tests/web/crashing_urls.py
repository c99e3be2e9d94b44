"""A URL map with one view that fails, for the server-error tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from jixiao.web.urls import urlpatterns as real

handler500 = "jixiao.web.ops.requests.server_error"


def crash(request: HttpRequest) -> HttpResponse:
    raise ZeroDivisionError("a bug")


urlpatterns = [path("crash/", crash), *real]
