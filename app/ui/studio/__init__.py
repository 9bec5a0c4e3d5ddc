"""The author's studio: the pages and tools for writing scenarios (the map of a scenario's
branches, and what reads the author's folders)."""
