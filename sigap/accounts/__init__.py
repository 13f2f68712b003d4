"""Staff accounts (with NIP), offices, units, positions and roles."""
