"""Development and `make run`: DEBUG on, embedded SQLite and task queue unless told otherwise."""

from sigap.env import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
