"""The BPNT / Sembako programme: stages, Camat notices, problem tickets, monitoring (seed 004)."""
