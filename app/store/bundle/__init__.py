"""Results bundles: one trainee's attempts carried from their laptop to an instructor.

Trainees practise offline on their own machines; instructors certify on what
those machines recorded. A bundle is one JSON file holding a trainee's
finished and abandoned attempts, every step of them, and the exact scenario
texts they were played on, so the instructor's database shows the same
transcripts (`schema` reads and checks one, `export` writes one, `importer`
takes one in).

What a bundle proves, and what it does not: its checksum catches a file
changed after export, by accident or by hand, but it is not a signature,
since anyone can recompute it. So the importer trusts no stated result: it
plays every attempt again and keeps what the engine finds (`replay`), and
marks attempts on scenario texts it has never seen as unverified. None of
this can show who was at the keyboard: a trainee who controls their laptop
can still play a scenario with someone's help, and nothing offline can stop
that.
"""

from alongside.store.bundle.export import collect, document, write_bundle
from alongside.store.bundle.importer import import_bundle
from alongside.store.bundle.records import (
    FORMAT,
    VERSION,
    AttemptRecord,
    Bundle,
    BundleError,
    Collected,
    Imported,
)
from alongside.store.bundle.schema import MAX_BYTES, check_bundle, checksum, read_bundle

__all__ = [
    "FORMAT", "MAX_BYTES", "VERSION", "AttemptRecord", "Bundle", "BundleError", "Collected",
    "Imported", "check_bundle", "checksum", "collect", "document", "import_bundle",
    "read_bundle", "write_bundle",
]
