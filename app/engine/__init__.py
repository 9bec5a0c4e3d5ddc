"""Qt-free scenario engine: model, loader, validator, conditions and play sessions."""
