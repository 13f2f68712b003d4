"""Kemendagri region codes (province to village) and their versioned loader."""
