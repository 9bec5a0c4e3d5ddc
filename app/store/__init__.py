"""Qt-free persistence (SQLAlchemy models, migrations, bundles)."""
