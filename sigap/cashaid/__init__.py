"""Kehabisan Bekal cash help for stranded travellers (seed 002)."""
