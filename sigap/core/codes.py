"""Short, unguessable tracking codes that people read aloud and type by hand."""

import secrets

# No 0/O and 1/I; 10 characters of 32 symbols are 50 bits: not guessable, short enough to type.
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10


def tracking_code(*, length: int = CODE_LENGTH, prefix: str = "") -> str:
    return prefix + "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
