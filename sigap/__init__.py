"""Sigap: a Dinas Sosial's public services run as their published service standards say."""
