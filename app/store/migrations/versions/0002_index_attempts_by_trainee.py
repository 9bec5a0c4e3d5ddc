"""index attempts by trainee and start for history

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 11:44:59.432148
"""

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index('ix_attempt_trainee_started', ['trainee_id', 'started_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_attempt_trainee_started')

