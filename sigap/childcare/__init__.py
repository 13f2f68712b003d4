"""Placement and rehabilitation of neglected children, with protected case data (seed 003)."""
