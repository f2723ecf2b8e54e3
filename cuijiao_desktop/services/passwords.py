"""Password hashes: argon2id (argon2-cffi), each hash with its own random salt.

New hashes use argon2-cffi's defaults (argon2id, 64 MiB, t=3, p=4: ~150 ms here, above OWASP's
minimum). Hashes of an older scheme (scrypt ``scrypt$n$r$p$salt$hash``) or weaker argon2
parameters still verify, and :func:`needs_rehash` tells the log-in to replace them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_HASHER = PasswordHasher()
#: OWASP's minimum for argon2id (19 MiB, t=2, p=1: ~35 ms). Only for accounts made in bulk (the demo's
#: ten users): still one salt each, and :func:`needs_rehash` lifts them to the full cost at the first log-in.
_LIGHT = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_password(password: str, *, light: bool = False) -> str:
    """A new argon2id hash (``$argon2id$v=19$m=…,t=…,p=…$salt$hash``) with a fresh 16-byte salt."""
    return (_LIGHT if light else _HASHER).hash(password)


def _verify_scrypt(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(hash_b64)
        digest = hashlib.scrypt(
            password.encode("utf-8"), salt=base64.b64decode(salt_b64), n=int(n), r=int(r), p=int(p),
            maxmem=256 * 1024 * 1024, dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored`` (argon2 or the older scrypt form)."""
    if stored.startswith("$argon2"):
        try:
            return _HASHER.verify(stored, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False
    return _verify_scrypt(password, stored)


def needs_rehash(stored: str) -> bool:
    """True for a hash that is not argon2id with today's parameters (re-hash it at the next log-in)."""
    if not stored.startswith("$argon2id$"):
        return True
    try:
        return _HASHER.check_needs_rehash(stored)
    except InvalidHashError:
        return True


@cache
def dummy_hash() -> str:
    """A hash to verify against when the user does not exist, so that takes as long as a real check."""
    return hash_password("timing-equaliser")
