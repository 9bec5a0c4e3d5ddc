"""The one kind of failure the store reports on purpose.

Every refusal the store makes for a reason a person can act on (a damaged
progress file, a scenario that no longer loads, a bundle that does not
check) is a `Refused`, with a message written for that person. Anything
else raised from the store is a fault in Alongside. This module imports
nothing, so the desktop app can tell the two apart without loading the
database layer.
"""


class Refused(Exception):
    """The store would not do what was asked; the message says why and what to do."""
