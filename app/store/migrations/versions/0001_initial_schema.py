"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 11:40:46.426679
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('cohort',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('instructor', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    op.create_table('instructor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('salt', sa.String(length=64), nullable=False),
    sa.Column('passphrase_hash', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('scenario_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scenario_id', sa.String(length=100), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('first_seen', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('content_hash')
    )
    with op.batch_alter_table('scenario_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_scenario_version_scenario_id'), ['scenario_id'], unique=False)

    op.create_table('trainee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name'),
    sa.UniqueConstraint('uuid')
    )
    op.create_table('attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('trainee_id', sa.Integer(), nullable=True),
    sa.Column('group_name', sa.String(length=200), nullable=True),
    sa.Column('cohort_id', sa.Integer(), nullable=True),
    sa.Column('scenario_version_id', sa.Integer(), nullable=False),
    sa.Column('mode', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ending', sa.String(length=100), nullable=True),
    sa.Column('score_language', sa.Float(), nullable=True),
    sa.Column('score_decision', sa.Float(), nullable=True),
    sa.Column('score_role', sa.Float(), nullable=True),
    sa.Column('band_language', sa.String(length=20), nullable=True),
    sa.Column('band_decision', sa.String(length=20), nullable=True),
    sa.Column('band_role', sa.String(length=20), nullable=True),
    sa.Column('passed', sa.Boolean(), nullable=False),
    sa.Column('critical_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['scenario_version_id'], ['scenario_version.id'], ),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uuid')
    )
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index('ix_attempt_cohort_version', ['cohort_id', 'scenario_version_id'], unique=False)
        batch_op.create_index('ix_attempt_status', ['status'], unique=False)
        batch_op.create_index('ix_attempt_trainee_version', ['trainee_id', 'scenario_version_id'], unique=False)

    op.create_table('cohort_member',
    sa.Column('cohort_id', sa.Integer(), nullable=False),
    sa.Column('trainee_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('cohort_id', 'trainee_id')
    )
    with op.batch_alter_table('cohort_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cohort_member_trainee_id'), ['trainee_id'], unique=False)

    op.create_table('instructor_note',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=200), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('instructor_note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_instructor_note_attempt_id'), ['attempt_id'], unique=False)

    op.create_table('step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('node', sa.String(length=200), nullable=False),
    sa.Column('choice', sa.String(length=200), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('findings', sa.JSON(), nullable=True),
    sa.Column('votes', sa.JSON(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('attempt_id', 'seq', name='uq_step_attempt_seq')
    )


def downgrade() -> None:
    op.drop_table('step')
    with op.batch_alter_table('instructor_note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_instructor_note_attempt_id'))

    op.drop_table('instructor_note')
    with op.batch_alter_table('cohort_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cohort_member_trainee_id'))

    op.drop_table('cohort_member')
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_attempt_trainee_version')
        batch_op.drop_index('ix_attempt_status')
        batch_op.drop_index('ix_attempt_cohort_version')

    op.drop_table('attempt')
    op.drop_table('trainee')
    with op.batch_alter_table('scenario_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_scenario_version_scenario_id'))

    op.drop_table('scenario_version')
    op.drop_table('instructor')
    op.drop_table('cohort')
