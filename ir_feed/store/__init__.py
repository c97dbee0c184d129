"""The database edge: tables, engine and migrations, one module per aggregate.

``engine``   connection set-up (SQLite pragmas, PostgreSQL driver) and Alembic upgrades
``tables``   the rows
``feeds``    feed health and what is due (claims under a lease)
``releases`` releases, their versions and the per-feed entries that let polls skip known items
"""
