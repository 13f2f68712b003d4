#!/usr/bin/env python
"""Django's manage.py; the installed `sigap` command does the same."""

from sigap.cli import main

if __name__ == "__main__":
    main()
