"""The store's schema versions, known without loading SQLAlchemy or Alembic."""

# The newest migration in store/migrations/versions; a test keeps the two in step.
SCHEMA_HEAD = "0007"
# Every revision in order, oldest first, so a version can be placed without loading Alembic.
SCHEMA_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
# The table in which Alembic keeps a store's version.
VERSION_TABLE = "alembic_version"
