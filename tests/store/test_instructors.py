import pytest

from alongside.store.instructors import PassphraseError, check_passphrase, set_passphrase
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
