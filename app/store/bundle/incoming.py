"""A bundle file of either kind, read and imported as `import-results` imports it.

The command line and the desk's import page take the same files: a results
bundle from a trainee's laptop, or an instructor's feedback bundle on the
trainee's computer. One function tells them apart and imports either, each
file checked whole and imported in one transaction, so both edges refuse
exactly the same files with the same words.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from alongside.store.bundle.feedback import FeedbackImported, import_feedback, is_feedback
from alongside.store.bundle.importer import import_bundle
from alongside.store.bundle.records import Imported
from alongside.store.bundle.schema import check_bundle, read_document
from alongside.store.db import Store


def import_file(store: Store, path: Path, known: Collection[str] = ()) -> Imported | \
        FeedbackImported:
    """Import the bundle at `path`; BundleError says why it was refused (nothing stored).

    `known`: content hashes of the scenario versions in this desk's library.
    """
    document = read_document(path)
    if is_feedback(document):
        return import_feedback(store, document)
    return import_bundle(store, check_bundle(document), known)
