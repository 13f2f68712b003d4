"""Production settings with one extra URL, the bare reference view of bench/public_paths.py."""

from sigap.settings.production import *  # noqa: F403

ROOT_URLCONF = "public_paths_app.urls"
