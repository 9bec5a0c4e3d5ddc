"""Qt-free scoring: attempt scores, bands and the pass rule."""
