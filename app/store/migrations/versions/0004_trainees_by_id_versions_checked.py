"""trainees known by id, not name; scenario versions normalised and marked verified or not

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:00:00.000000

- A trainee's name is no longer unique: two people called Sam Rivera stay two
  (they are told apart by the uuid made with each profile). `local` marks the
  profiles of this machine, as against trainees imported from bundles.
- A scenario version is `verified` when this desk knew its text (from its
  library, or played here); an imported version nobody here has seen is not,
  until an instructor accepts it (`accepted_by`, `accepted_at`).
- An attempt's ending (a node id) may be as long as any node id, 200 characters.
- Every stored scenario text is put in its one normal form (no byte-order
  mark, LF line endings) and its content hash taken again over that form:
  texts saved with Windows line endings were kept with LF but hashed with
  CRLF, so their attempts could not be exported. Two versions that turn out
  to be the same text become one.

SQLite cannot drop a constraint in place, so the trainee table is rebuilt;
the store runs migrations with foreign keys off (store/db.py), or rebuilding
it would cascade-delete every attempt.
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def _normal(text: str) -> str:
    if text.startswith('\ufeff'):
        text = text[1:]
    return text.replace('\r\n', '\n').replace('\r', '\n')


def _trainee_table() -> sa.Table:
    """The trainee table as 0003 left it, less its unique name: SQLite rebuilds from this."""
    return sa.Table(
        'trainee', sa.MetaData(),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uuid', sa.String(length=36), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('uuid'),
    )


def _trainees_by_id() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        with op.batch_alter_table('trainee', recreate='always',
                                  copy_from=_trainee_table()) as batch_op:
            batch_op.add_column(sa.Column('local', sa.Boolean(), nullable=False,
                                          server_default=sa.true()))
            batch_op.create_index('ix_trainee_name', ['name'], unique=False)
        return
    op.drop_constraint('trainee_name_key', 'trainee', type_='unique')
    op.add_column('trainee', sa.Column('local', sa.Boolean(), nullable=False,
                                       server_default=sa.true()))
    op.create_index('ix_trainee_name', 'trainee', ['name'], unique=False)


def _normalise_versions() -> None:
    bind = op.get_bind()
    versions = sa.table('scenario_version', sa.column('id', sa.Integer),
                        sa.column('content_hash', sa.String), sa.column('text', sa.Text))
    attempts = sa.table('attempt', sa.column('scenario_version_id', sa.Integer))
    rows = bind.execute(sa.select(versions.c.id, versions.c.content_hash, versions.c.text)
                        .order_by(versions.c.id)).all()
    wanted = {row_id: (hashlib.sha256(_normal(text).encode()).hexdigest(), _normal(text))
              for row_id, _digest, text in rows}
    keeper: dict[str, int] = {}
    for row_id, (digest, _text) in wanted.items():
        keeper.setdefault(digest, row_id)
    for row_id, (digest, _text) in wanted.items():
        if keeper[digest] != row_id:
            bind.execute(attempts.update().where(attempts.c.scenario_version_id == row_id)
                         .values(scenario_version_id=keeper[digest]))
            bind.execute(versions.delete().where(versions.c.id == row_id))
    changed = [(row_id, *wanted[row_id]) for row_id, digest, text in rows
               if keeper[wanted[row_id][0]] == row_id and wanted[row_id] != (digest, text)]
    # Placeholders first, so that no two rows hold one hash even for a moment.
    for row_id, _digest, _text in changed:
        bind.execute(versions.update().where(versions.c.id == row_id)
                     .values(content_hash=f'renormalising-{row_id}'))
    for row_id, digest, text in changed:
        bind.execute(versions.update().where(versions.c.id == row_id)
                     .values(content_hash=digest, text=text))


def upgrade() -> None:
    _trainees_by_id()
    _normalise_versions()
    if op.get_bind().dialect.name != 'sqlite':  # SQLite does not hold strings to a length
        op.alter_column('attempt', 'ending', type_=sa.String(length=200),
                        existing_type=sa.String(length=100), existing_nullable=True)
    with op.batch_alter_table('scenario_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verified', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
        batch_op.add_column(sa.Column('accepted_by', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('accepted_at', sa.DateTime(timezone=True),
                                      nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        op.alter_column('attempt', 'ending', type_=sa.String(length=100),
                        existing_type=sa.String(length=200), existing_nullable=True)
    with op.batch_alter_table('scenario_version', schema=None) as batch_op:
        batch_op.drop_column('accepted_at')
        batch_op.drop_column('accepted_by')
        batch_op.drop_column('verified')
    with op.batch_alter_table('trainee', schema=None) as batch_op:
        batch_op.drop_index('ix_trainee_name')
        batch_op.drop_column('local')
        batch_op.create_unique_constraint('trainee_name_key', ['name'])
