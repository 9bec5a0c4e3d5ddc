"""store bands as stable ids (not-yet, developing, competent, proficient)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 20:10:00.000000

Bands were stored as their English labels. Only "not yet" differs from its id;
the other three labels are already their ids.
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

COLUMNS = ('band_language', 'band_decision', 'band_role')
attempt = sa.table('attempt', *(sa.column(c, sa.String) for c in COLUMNS))


def _rename(old: str, new: str) -> None:
    for column in COLUMNS:
        op.execute(attempt.update().where(attempt.c[column] == old).values({column: new}))


def upgrade() -> None:
    _rename('not yet', 'not-yet')


def downgrade() -> None:
    _rename('not-yet', 'not yet')
