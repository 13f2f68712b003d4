"""Persons, families, programme memberships and their bulk import."""
