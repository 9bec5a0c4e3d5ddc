"""one profile per name on a computer, matched without regard to case or spacing

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 09:00:00.000000

"Sam Rivera" and "sam rivera " used to become two profiles, and the app could
reopen on the empty one, so Sam's progress looked gone. Every trainee now
has a `name_key` (the name folded for case, spacing and compatibility forms)
and names are kept tidied (composed form, single spaces). The profiles of
this computer that share a key become one: the oldest keeps its name and
uuid and takes the others' attempts and class memberships. A unique index
over the local profiles' keys keeps them one. Trainees imported from
bundles are not merged: they are people from other computers, told apart
by uuid.

The folding is written out here rather than imported, so that this step
does the same thing whatever later versions of the app do.
"""

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def _tidy(name: str) -> str:
    return ' '.join(unicodedata.normalize('NFC', name).split())


def _key(name: str) -> str:
    return ' '.join(unicodedata.normalize('NFKC', name).casefold().split())


TRAINEE = sa.table('trainee', sa.column('id', sa.Integer), sa.column('name', sa.String),
                   sa.column('name_key', sa.String), sa.column('local', sa.Boolean))
ATTEMPT = sa.table('attempt', sa.column('trainee_id', sa.Integer))
MEMBER = sa.table('cohort_member', sa.column('cohort_id', sa.Integer),
                  sa.column('trainee_id', sa.Integer))


def _merge(bind, keeper: int, other: int) -> None:
    """`other`'s attempts and class memberships become `keeper`'s; `other` goes."""
    bind.execute(ATTEMPT.update().where(ATTEMPT.c.trainee_id == other)
                 .values(trainee_id=keeper))
    kept = set(bind.scalars(sa.select(MEMBER.c.cohort_id).where(MEMBER.c.trainee_id == keeper)))
    for cohort in bind.scalars(sa.select(MEMBER.c.cohort_id)
                               .where(MEMBER.c.trainee_id == other)).all():
        if cohort not in kept:
            bind.execute(MEMBER.insert().values(cohort_id=cohort, trainee_id=keeper))
    bind.execute(MEMBER.delete().where(MEMBER.c.trainee_id == other))
    bind.execute(TRAINEE.delete().where(TRAINEE.c.id == other))


def upgrade() -> None:
    with op.batch_alter_table('trainee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sa.String(length=200), nullable=True))
    bind = op.get_bind()
    rows = bind.execute(sa.select(TRAINEE.c.id, TRAINEE.c.name, TRAINEE.c.local)
                        .order_by(TRAINEE.c.id)).all()
    first: dict[str, int] = {}
    for row_id, name, local in rows:
        key = _key(name)
        if local and key in first:
            _merge(bind, first[key], row_id)
            continue
        if local:
            first[key] = row_id
        bind.execute(TRAINEE.update().where(TRAINEE.c.id == row_id)
                     .values(name=_tidy(name), name_key=key))
    with op.batch_alter_table('trainee', schema=None) as batch_op:
        batch_op.alter_column('name_key', existing_type=sa.String(length=200),
                              nullable=False)
        batch_op.create_index('ix_trainee_name_key', ['name_key'], unique=False)
        batch_op.create_index('uq_trainee_local_name_key', ['name_key'], unique=True,
                              sqlite_where=sa.text('local'),
                              postgresql_where=sa.text('local'))


def downgrade() -> None:
    with op.batch_alter_table('trainee', schema=None) as batch_op:
        batch_op.drop_index('uq_trainee_local_name_key')
        batch_op.drop_index('ix_trainee_name_key')
        batch_op.drop_column('name_key')
