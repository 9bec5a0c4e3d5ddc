"""Instructor passphrases, kept only as salted scrypt hashes (stdlib `hashlib.scrypt`).

Instructors certify on what trainees' machines record, so their screens
(later issues) sit behind a passphrase. Parameters are stored with the hash so
they can be raised later without locking anyone out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from alongside.store.models import Instructor

_N, _R, _P = 2**14, 8, 1
MIN_LENGTH = 8


class PassphraseError(ValueError):
    """A passphrase that is too short to protect certification results."""


def _hash(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)


def set_passphrase(session: Session, name: str, passphrase: str) -> Instructor:
    """Create the instructor or replace their passphrase; the caller commits."""
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseError(f"a passphrase needs at least {MIN_LENGTH} characters")
    salt = secrets.token_bytes(16)
    digest = _hash(passphrase, salt, _N, _R, _P)
    stored = f"scrypt${_N}${_R}${_P}${digest.hex()}"
    instructor = session.scalar(select(Instructor).where(Instructor.name == name))
    if instructor is None:
        instructor = Instructor(name=name, salt=salt.hex(), passphrase_hash=stored)
        session.add(instructor)
    else:
        instructor.salt, instructor.passphrase_hash = salt.hex(), stored
    return instructor


def check_passphrase(session: Session, name: str, passphrase: str) -> bool:
    """Whether `passphrase` is this instructor's, compared in constant time."""
    instructor = session.scalar(select(Instructor).where(Instructor.name == name))
    if instructor is None:
        return False
    scheme, n, r, p, expected = instructor.passphrase_hash.split("$")
    if scheme != "scrypt":
        return False
    digest = _hash(passphrase, bytes.fromhex(instructor.salt), int(n), int(r), int(p))
    return hmac.compare_digest(digest.hex(), expected)
