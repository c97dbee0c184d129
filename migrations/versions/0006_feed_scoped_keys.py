"""release keys from a non-URL guid or from title and date are scoped to their feed

Data only, no schema change.  Before, four feeds each carrying ``<guid>g1</guid>``
made one release ``guid:g1`` (four versions of it), so one feed could rewrite or
retract another feed's facts.  :func:`ir_feed.normalize.release_key` now scopes such
keys to the feed's URL (``guid:https://feeds.example.com/rss#g1``); this migration
moves the stored releases that only one feed ever carried to their scoped key, so
the next poll matches them instead of storing them again.  A release several feeds
already shared under one such key stays as it is (it cannot be split after the
fact); from the next poll on, each feed's item is its own release.

It imports the pure key functions of the application (``scoped_guid_key``,
``scoped_hash_key``): the new keys must be exactly what the poller computes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 04:00:00

"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

from ir_feed.normalize import scoped_guid_key, scoped_hash_key

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

releases = sa.table(
    "releases", sa.column("id"), sa.column("key"), sa.column("guid"), sa.column("title"), sa.column("published_at")
)
feed_entries = sa.table("feed_entries", sa.column("feed_id"), sa.column("release_id"))
feeds = sa.table("feeds", sa.column("id"), sa.column("url"))


def _stamp(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)  # SQLite hands the stored text back
    try:
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return text


def upgrade() -> None:
    conn = op.get_bind()
    carried: dict[int, set[str]] = defaultdict(set)
    urls = dict(conn.execute(sa.select(feeds.c.id, feeds.c.url)).all())
    for feed_id, release_id in conn.execute(sa.select(feed_entries.c.feed_id, feed_entries.c.release_id)).all():
        if release_id is not None and feed_id in urls:
            carried[release_id].add(urls[feed_id])
    taken = set(conn.scalars(sa.select(releases.c.key)))
    candidates = sa.select(releases).where(sa.or_(releases.c.key.like("guid:%"), releases.c.key.like("hash:%")))
    for row in conn.execute(candidates).all():
        feed_urls = carried.get(row.id, set())
        if len(feed_urls) != 1:
            continue  # never polled, or shared by several feeds: left as it is
        (feed,) = feed_urls
        if row.key.startswith("guid:"):
            guid = (row.guid or "").strip()
            if not guid or "://" in guid or scoped_guid_key(None, guid) != row.key:
                continue
            new = scoped_guid_key(feed, guid)
        else:
            stamp = _stamp(row.published_at)
            if scoped_hash_key(None, row.title, stamp) != row.key:
                continue  # the date as stored no longer gives the key: leave it
            new = scoped_hash_key(feed, row.title, stamp)
        if new in taken:
            continue
        conn.execute(sa.update(releases).where(releases.c.id == row.id).values(key=new))
        taken.add(new)


def downgrade() -> None:
    """Keys stay scoped: the older code would store the next poll's items again, never lose one."""
