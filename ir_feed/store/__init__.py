"""The database edge: tables, engine and migrations, one module per aggregate.

``engine``   connection set-up (SQLite pragmas, PostgreSQL driver) and Alembic upgrades
``tables``   the rows
``feeds``    feed health and what is due (claims under a lease)
``releases`` releases, their versions and the per-feed entries that let polls skip known items
``retention`` deleting what is old enough, a small batch at a time (never what is still referenced)
"""
