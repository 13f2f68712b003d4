"""Service requests (permohonan): intake, requirements, the workflow the standard drives, SLA."""
