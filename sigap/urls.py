"""Root URLs: each app's `urls.py` is mounted at the root and names its own paths.

Public pages use plain paths (/services/, /track/<code>, /verify/<token>); staff pages
live under /staff/.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from sigap.api.router import api

# A body over its limit (RequestDataTooBig) is 413 with a clear message, never a bare 400.
handler400 = "sigap.core.limits.bad_request"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]

# Apps' own URL modules, in settings order; an app without urls.py is skipped.
for _app in settings.SIGAP_APPS:
    try:
        __import__(f"{_app}.urls")
    except ModuleNotFoundError as exc:
        if exc.name != f"{_app}.urls":
            raise
        continue
    urlpatterns.append(path("", include(f"{_app}.urls")))
