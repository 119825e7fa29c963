"""crm-lookup's I/O: the customer store (SQLAlchemy: PostgreSQL or SQLite), its migrations,
bulk loading, and the calls topic."""
