"""Instructor passphrases, kept only as salted scrypt hashes (stdlib `hashlib.scrypt`).

Instructors certify on what trainees' machines record, so their screens sit
behind a passphrase. New hashes use current guidance for scrypt (N = 2^17,
r = 8, p = 1: OWASP's password storage advice), with the memory limit raised
so that they can be checked at all (OpenSSL's default limit refuses N above
2^14 at r = 8). The parameters are stored with each hash: an older, weaker
hash still checks, and is replaced on its owner's next correct entry. An
unknown name costs the same scrypt work as a wrong passphrase, so how long
an answer takes does not tell which names exist.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from alongside.store.models import Instructor

_N, _R, _P = 2**17, 8, 1
MIN_LENGTH = 8
_DUMMY_SALT = bytes(16)


class PassphraseError(ValueError):
    """A passphrase that is too short to protect certification results."""


def _hash(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    # scrypt needs 128 * r * N bytes for its table and a little more; allow twice that.
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=2 * 128 * r * n * p + 2**20)


def _stored(salt: bytes, passphrase: str) -> str:
    return f"scrypt${_N}${_R}${_P}${_hash(passphrase, salt, _N, _R, _P).hex()}"


def set_passphrase(session: Session, name: str, passphrase: str) -> Instructor:
    """Create the instructor or replace their passphrase; the caller commits."""
    if len(passphrase) < MIN_LENGTH:
        raise PassphraseError(f"a passphrase needs at least {MIN_LENGTH} characters")
    salt = secrets.token_bytes(16)
    stored = _stored(salt, passphrase)
    instructor = session.scalar(select(Instructor).where(Instructor.name == name))
    if instructor is None:
        instructor = Instructor(name=name, salt=salt.hex(), passphrase_hash=stored)
        session.add(instructor)
    else:
        instructor.salt, instructor.passphrase_hash = salt.hex(), stored
    return instructor


def check_passphrase(session: Session, name: str, passphrase: str) -> bool:
    """Whether `passphrase` is this instructor's, compared in constant time.

    A correct entry against a hash made with older parameters replaces it with
    one made with today's; the caller commits.
    """
    instructor = session.scalar(select(Instructor).where(Instructor.name == name))
    if instructor is None:
        _hash(passphrase, _DUMMY_SALT, _N, _R, _P)  # the same work as a wrong passphrase
        return False
    try:
        scheme, n, r, p, expected = instructor.passphrase_hash.split("$")
        params = int(n), int(r), int(p)
        salt = bytes.fromhex(instructor.salt)
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    if not hmac.compare_digest(_hash(passphrase, salt, *params).hex(), expected):
        return False
    if params != (_N, _R, _P):
        instructor.passphrase_hash = _stored(salt, passphrase)
    return True


def has_instructor(session: Session) -> bool:
    """Whether anyone has set a passphrase on this desk: on its first use there is nobody
    to check against, and the desk asks for the first instructor's passphrase instead."""
    return session.scalar(select(Instructor.id).limit(1)) is not None
