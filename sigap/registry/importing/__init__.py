"""Bulk import of beneficiary lists: read, check (vectorised), stage, merge set-based."""
