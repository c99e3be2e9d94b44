"""URL map: the UI, the admin and the API."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from jixiao.web.accounts import views as accounts_views
from jixiao.web.api.api import api
from jixiao.web.ops import health

handler500 = "jixiao.web.ops.requests.server_error"

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("login/", accounts_views.LoginPage.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("account/tokens/", include("jixiao.web.api.urls")),
    path("account/", include("jixiao.web.accounts.urls")),
    # Before the targets' own routes, whose "<pk>/<step>/" would take "handoff" for a step.
    path("targets/", include("jixiao.web.handoff.urls")),
    path("targets/", include("jixiao.web.targets.urls")),
    path("monitoring/", include("jixiao.web.evidence.monitoring_urls")),
    path("monitoring/", include("jixiao.web.monitoring.urls")),
    path("evaluations/", include("jixiao.web.evidence.urls")),
    path("evaluations/", include("jixiao.web.sealing.urls")),
    path("", include("jixiao.web.evaluations.urls")),
    path("dashboards/", include("jixiao.web.dashboards.urls")),
    path("consolidation/", include("jixiao.web.consolidation.urls")),
    path("public/", include("jixiao.web.portal.urls")),
    path("linking/", include("jixiao.web.linking.urls")),
    path("indicators/", include("jixiao.web.indicators.urls")),
    path("review/", include("jixiao.web.review.urls")),
    path("jobs/", include("jixiao.web.jobs.urls")),
    path("season/", include("jixiao.web.season.urls")),
    path("notifications/", include("jixiao.web.notifications.urls")),
]
