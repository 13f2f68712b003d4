"""The `sigap` command: Django's management commands with Sigap's settings preselected."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sigap.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sigap", *sys.argv[1:]])


if __name__ == "__main__":
    main()
