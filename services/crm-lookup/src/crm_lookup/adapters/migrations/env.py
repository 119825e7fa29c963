"""Alembic's entry: migrations run on the connection crm-lookup hands over at start-up
(adapters/database.py), inside its transaction."""

from alembic import context

from crm_lookup.adapters.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying
)
with context.begin_transaction():
    context.run_migrations()
