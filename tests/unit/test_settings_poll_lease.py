"""``polling.lease``: how long a poll's claim holds its feed, and so how soon the feeds of
a daemon that died are polled by another (tests/acceptance/test_feed_lease_takeover.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ir_feed.errors import ConfigError
from ir_feed.settings import parse_settings


def test_the_poll_lease_is_a_minute_by_default_and_can_be_set() -> None:
    assert parse_settings({}, base_dir=Path("/srv"), env={}).polling.lease == 60
    assert parse_settings({"polling": {"lease": 20}}, base_dir=Path("/srv"), env={}).polling.lease == 20


@pytest.mark.parametrize("lease", [0, 4.9, -60, 3601, "soon", None])
def test_a_poll_lease_out_of_range_is_a_config_error_with_its_path(lease: object) -> None:
    # under 5 s a renewal (every third of the lease) could lapse on a busy database; over an
    # hour a dead daemon's feeds would wait that long
    with pytest.raises(ConfigError) as info:
        parse_settings({"polling": {"lease": lease}}, base_dir=Path("/srv"), env={})
    assert [path for path, _ in info.value.problems] == ["polling.lease"]
