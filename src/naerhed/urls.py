# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from naerhed.web import views as web_views
from naerhed.web.health import healthz

admin.site.site_header = _("Nærhed – administration")
admin.site.site_title = _("Nærhed")

urlpatterns = [
    path("", web_views.home, name="home"),
    path("login/", web_views.login, name="login"),
    path("logout/", web_views.logout, name="logout"),
    path("citizens/", include("naerhed.citizens.urls")),
    path("staff/", include("naerhed.workforce.urls")),
    path("teams/", include("naerhed.organisation.urls")),
    path("audit/", include("naerhed.audit.urls")),
    path("planning/", include("naerhed.planning.urls")),
    path("day/", include("naerhed.carer_day.urls")),
    path("board/", include("naerhed.board.urls")),
    path("messages/", include("naerhed.messaging.urls")),
    path("absences/", include("naerhed.absences.urls")),
    path("quality/", include("naerhed.quality.urls")),
    path("figures/", include("naerhed.management.urls")),
    path("borger/", include("naerhed.portal.urls")),
    path("klippekort/", include("naerhed.klippekort.urls")),
    path("grants/", include("naerhed.grants.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", web_views.favicon),
    path("api/v1/", include("naerhed.api.urls")),
]
