"""`instructor set-passphrase`: an instructor's passphrase set from the command line.

Recording a decision needs the instructor's passphrase (`certify`), and a
desk run only from scripts has no app to set one on first use. The
passphrase is read twice from a terminal, without echo, so a typing slip is
caught before it locks the instructor out; from standard input when it is
not a terminal, one line each, so a script can pipe it in without it showing
in the process list. Replacing an existing passphrase asks for the current
one first: a typed name alone must not take over someone's decisions.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from sqlalchemy import select

from alongside.cli.common import FOUND, OK, USAGE, db_option
from alongside.engine.names import name_problem, printable, tidy
from alongside.store.db import Store, open_store
from alongside.store.errors import Refused
from alongside.store.instructors import (
    MIN_LENGTH,
    PassphraseError,
    check_passphrase,
    set_passphrase,
)
from alongside.store.models import Instructor


class Unread(Exception):
    """No passphrase could be read, or the two entries differ; the message says which."""


def add_commands(commands: argparse._SubParsersAction) -> None:
    instructor = commands.add_parser(
        "instructor", help="the desk's instructors",
        description="The instructors of this desk, who record certification decisions.")
    actions = instructor.add_subparsers(dest="action", metavar="ACTION", required=True)
    setting = actions.add_parser(
        "set-passphrase", help="set or replace an instructor's passphrase",
        description="Set the passphrase of the instructor NAME (creating them), or replace "
        "it after the current one. From a terminal it is asked twice, without echo; "
        "otherwise it is read from standard input, one line each (the current passphrase "
        f"first when replacing). At least {MIN_LENGTH} characters; only a salted scrypt "
        "hash is stored.")
    setting.add_argument("name", metavar="NAME")
    db_option(setting)
    setting.set_defaults(run=run_set_passphrase)


def _reader() -> Callable[[str], str]:
    """How each entry is read: getpass at a terminal, else the next line of stdin."""
    if sys.stdin.isatty():
        return getpass.getpass

    def line(_prompt: str) -> str:
        read = sys.stdin.readline()
        if not read:
            raise Unread("no passphrase on standard input (one line each)")
        return read.rstrip("\r\n")
    return line


def _new_passphrase(read: Callable[[str], str], name: str) -> str:
    first = read(f"New passphrase of {name}: ")
    if sys.stdin.isatty() and read("The same again: ") != first:
        raise Unread("the two entries differ; nothing was changed")
    return first


def run_set_passphrase(args: argparse.Namespace) -> int:
    name = tidy(args.name)
    problem = name_problem(name, "an instructor's name")
    if problem:
        print(printable(f"alongside instructor set-passphrase: {problem}"), file=sys.stderr)
        return USAGE
    try:
        store = open_store(args.db)
    except Refused as exc:
        print(printable(f"alongside instructor set-passphrase: {exc}"), file=sys.stderr)
        return FOUND
    try:
        return _set(store, name, _reader())
    except (Unread, PassphraseError, Refused) as exc:
        print(printable(f"alongside instructor set-passphrase: {exc}"), file=sys.stderr)
        return FOUND
    finally:
        store.close()


def _set(store: Store, name: str, read: Callable[[str], str]) -> int:
    with store.session() as db:
        exists = db.scalar(select(Instructor.id).where(Instructor.name == name)) is not None
        if exists and not check_passphrase(db, name, read(f"Current passphrase of {name}: ")):
            raise Unread(f"that is not the current passphrase of instructor '{name}'; nothing "
                         "was changed")
        set_passphrase(db, name, _new_passphrase(read, name))
        db.commit()
    print(printable(f"instructor '{name}': passphrase {'replaced' if exists else 'set'}"))
    return OK
