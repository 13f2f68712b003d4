"""Development and `make run`: DEBUG on, embedded SQLite and task queue unless told otherwise."""

from sigap.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
# The demo accounts have no authenticator: 2FA is optional while developing.
SIGAP_ENFORCE_2FA = env_bool("SIGAP_ENFORCE_2FA", False)
