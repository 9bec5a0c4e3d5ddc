"""the instructor's desk: cohorts with a curriculum, certification decisions, comments on steps

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-10 09:00:00.000000

- A cohort of this desk keeps its curriculum's id and text, and is found by
  its name's key (unique among desk cohorts; cohorts from bundles have no
  curriculum and no key).
- Certification decisions and the waivers recorded with them are
  append-only: triggers refuse to change or delete a row, on SQLite and
  PostgreSQL alike, so a decision can only be superseded by a later one.
- An instructor's note gets a uuid (so a feedback bundle imported twice
  keeps one copy) and may point at one step of its attempt.
"""

import uuid

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

APPEND_ONLY = ('certification_decision', 'waiver')
NOTE = sa.table('instructor_note', sa.column('id', sa.Integer), sa.column('uuid', sa.String))


def _append_only(table: str) -> None:
    if op.get_bind().dialect.name == 'sqlite':
        for action in ('UPDATE', 'DELETE'):
            op.execute(f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                       f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END")
        return
    op.execute(f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
               "FOR EACH ROW EXECUTE FUNCTION alongside_append_only()")


def upgrade() -> None:
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name_key', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('curriculum_id', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('curriculum_text', sa.Text(), nullable=True))
        batch_op.create_index('uq_cohort_desk_name_key', ['name_key'], unique=True,
                              sqlite_where=sa.text('curriculum_id IS NOT NULL'),
                              postgresql_where=sa.text('curriculum_id IS NOT NULL'))

    with op.batch_alter_table('instructor_note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('uuid', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('step_seq', sa.Integer(), nullable=True))
    bind = op.get_bind()
    for (note,) in bind.execute(sa.select(NOTE.c.id)).all():
        bind.execute(NOTE.update().where(NOTE.c.id == note).values(uuid=str(uuid.uuid4())))
    with op.batch_alter_table('instructor_note', schema=None) as batch_op:
        batch_op.alter_column('uuid', existing_type=sa.String(length=36), nullable=False)
        batch_op.create_unique_constraint('uq_instructor_note_uuid', ['uuid'])

    op.create_table(
        'certification_decision',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('trainee_id', sa.Integer(), nullable=False),
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.Column('curriculum_id', sa.String(length=100), nullable=False),
        sa.Column('instructor', sa.String(length=200), nullable=False),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('rating', sa.String(length=20), nullable=False),
        sa.Column('certified', sa.Boolean(), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id']),
        sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid'),
    )
    op.create_index('ix_decision_trainee_cohort', 'certification_decision',
                    ['trainee_id', 'cohort_id'], unique=False)
    op.create_table(
        'waiver',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('decision_id', sa.Integer(), nullable=False),
        sa.Column('trainee_id', sa.Integer(), nullable=False),
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.Column('scenario_id', sa.String(length=100), nullable=False),
        sa.Column('reason', sa.String(length=30), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['decision_id'], ['certification_decision.id']),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id']),
        sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_waiver_trainee_cohort', 'waiver', ['trainee_id', 'cohort_id'],
                    unique=False)
    if bind.dialect.name != 'sqlite':
        op.execute("CREATE FUNCTION alongside_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                   "$$ BEGIN RAISE EXCEPTION '% rows are append-only', TG_TABLE_NAME; END $$")
    for table in APPEND_ONLY:
        _append_only(table)


def downgrade() -> None:
    op.drop_index('ix_waiver_trainee_cohort', table_name='waiver')
    op.drop_table('waiver')
    op.drop_index('ix_decision_trainee_cohort', table_name='certification_decision')
    op.drop_table('certification_decision')
    if op.get_bind().dialect.name != 'sqlite':
        op.execute("DROP FUNCTION alongside_append_only()")
    with op.batch_alter_table('instructor_note', schema=None) as batch_op:
        batch_op.drop_constraint('uq_instructor_note_uuid', type_='unique')
        batch_op.drop_column('step_seq')
        batch_op.drop_column('uuid')
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.drop_index('uq_cohort_desk_name_key')
        batch_op.drop_column('curriculum_text')
        batch_op.drop_column('curriculum_id')
        batch_op.drop_column('name_key')
