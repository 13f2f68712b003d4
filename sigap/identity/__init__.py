"""Rules for Indonesian identity numbers (NIK, KK, NIP): pure functions, no database."""
