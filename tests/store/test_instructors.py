import pytest

from alongside.store.instructors import (
    PassphraseError,
    check_passphrase,
    has_instructor,
    set_passphrase,
)
from alongside.store.models import Instructor


def test_passphrase_is_stored_salted_and_checked(store):
    with store.session() as db:
        set_passphrase(db, "Dr. Lee", "correct horse battery")
        set_passphrase(db, "Sam Park", "correct horse battery")
        db.commit()
    with store.session() as db:
        first, second = db.query(Instructor).order_by(Instructor.name).all()
        assert "correct horse" not in first.passphrase_hash
        assert first.salt != second.salt and first.passphrase_hash != second.passphrase_hash
        assert check_passphrase(db, "Dr. Lee", "correct horse battery")
        assert not check_passphrase(db, "Dr. Lee", "correct horse battery!")
        assert not check_passphrase(db, "Nobody", "correct horse battery")


def test_the_desk_knows_whether_anyone_has_set_a_passphrase(store):
    with store.session() as db:
        assert not has_instructor(db)
        set_passphrase(db, "Dr. Lee", "first passphrase")
        db.commit()
        assert has_instructor(db)


def test_passphrase_can_be_changed_and_must_be_long_enough(store):
    with store.session() as db:
        set_passphrase(db, "Dr. Lee", "first passphrase")
        set_passphrase(db, "Dr. Lee", "second passphrase")
        db.commit()
        assert check_passphrase(db, "Dr. Lee", "second passphrase")
        assert not check_passphrase(db, "Dr. Lee", "first passphrase")
        with pytest.raises(PassphraseError):
            set_passphrase(db, "Dr. Lee", "short")


def test_default_database_is_never_the_real_user_folder():
    import os

    from alongside.paths import default_database

    assert str(default_database()).startswith(os.environ["XDG_DATA_HOME"])


def test_new_hashes_follow_current_guidance_and_old_ones_are_upgraded(store):
    import hashlib
    import secrets

    from alongside.store import instructors

    with store.session() as db:
        assert set_passphrase(db, "Dr. Lee", "correct horse battery").passphrase_hash \
            .startswith("scrypt$131072$8$1$")
        salt = secrets.token_bytes(16)
        old = hashlib.scrypt(b"an older passphrase", salt=salt, n=2**14, r=8, p=1, dklen=32)
        db.add(Instructor(name="Sam Park", salt=salt.hex(),
                          passphrase_hash=f"scrypt$16384$8$1${old.hex()}"))
        db.commit()
        assert not check_passphrase(db, "Sam Park", "not it at all")
        assert db.scalar(select_hash("Sam Park")).startswith("scrypt$16384$")
        assert check_passphrase(db, "Sam Park", "an older passphrase")
        db.commit()
        assert db.scalar(select_hash("Sam Park")).startswith("scrypt$131072$8$1$")
        assert check_passphrase(db, "Sam Park", "an older passphrase")
    assert instructors._N >= 2**17


def select_hash(name):
    from sqlalchemy import select

    return select(Instructor.passphrase_hash).where(Instructor.name == name)


def test_an_unknown_name_costs_the_same_work_as_a_wrong_passphrase(store, monkeypatch):
    from alongside.store import instructors

    with store.session() as db:
        set_passphrase(db, "Dr. Lee", "correct horse battery")
        db.commit()
        work = []
        real = instructors._hash
        monkeypatch.setattr(instructors, "_hash",
                            lambda *args: work.append(args[2:]) or real(*args))
        assert not check_passphrase(db, "Dr. Lee", "wrong horse battery")
        assert not check_passphrase(db, "Nobody at all", "wrong horse battery")
    assert work == [(2**17, 8, 1), (2**17, 8, 1)]
