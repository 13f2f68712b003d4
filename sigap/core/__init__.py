"""Shared ground: base model, office scoping and access checks, personal-data access log."""
