"""Who may read the outbox and send a message again: the administrators (pages and API)."""

from sigap.accounts.roles import Role

OUTBOX_ROLES = (Role.ADMINISTRATOR,)
