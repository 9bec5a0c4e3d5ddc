"""The author's studio: where scenarios come from, keeping the library live as files
change on disk, and what an author opens from the window (a new scenario, the map of a
scenario's branches, a trial from any node)."""
