from __future__ import annotations

from pathlib import Path

import pytest

from ir_feed.errors import ConfigError
from ir_feed.settings import load_settings, masked, parse_settings

REPO = Path(__file__).resolve().parents[2]


def test_shipped_configs_are_valid() -> None:
    settings = load_settings(REPO / "config.yaml", env={})
    assert [f.name for f in settings.feeds] == ["gnw-public-companies", "gnw-health"]
    assert settings.database_url == f"sqlite:///{REPO / 'data' / 'ir_feed.db'}"
    demo = load_settings(REPO / "examples" / "demo.yaml", env={})
    assert demo.feeds[0].url == (REPO / "examples" / "feed.xml").as_uri()
    assert demo.database_url == f"sqlite:///{REPO / 'examples' / 'demo.db'}"


def test_every_problem_is_listed_with_its_path() -> None:
    raw = {
        "feeds": [
            {"name": "a b", "url": "ftp://example.com/feed"},
            {"name": "ok", "url": "https://example.com/rss", "interval": 1},
            {"name": "ok", "url": "https://example.com/other"},
        ],
        "http": {"max_bytes": "big"},
        "bogus": 1,
    }
    with pytest.raises(ConfigError) as info:
        parse_settings(raw, base_dir=Path("/srv"), env={})
    paths = {path for path, _ in info.value.problems}
    assert paths == {
        "feeds[0].name",
        "feeds[0].url",
        "feeds[1].interval",
        "feeds[2].name",
        "http.max_bytes",
        "bogus",
    }
    assert "already used by feeds[1]" in dict(info.value.problems)["feeds[2].name"]


def test_env_interpolation_and_missing_variables() -> None:
    raw = {
        "database": {"url": "postgresql://u:${DB_PW}@db/ir"},
        "http": {"user_agent": "ir-feed (+mailto:${CONTACT:-ops@example.org})"},
    }
    settings = parse_settings(raw, base_dir=Path("/srv"), env={"DB_PW": "s3cret"})
    assert settings.database_url == "postgresql://u:s3cret@db/ir"
    assert settings.http.user_agent == "ir-feed (+mailto:ops@example.org)"
    with pytest.raises(ConfigError) as info:
        parse_settings(raw, base_dir=Path("/srv"), env={})
    assert info.value.problems == (("database.url", "environment variable DB_PW is not set"),)


def test_show_masks_secrets() -> None:
    raw = {"database": {"url": "postgresql://u:s3cret@db/ir"}, "api": {"token": "tok-123"}}
    shown = masked(parse_settings(raw, base_dir=Path("/srv"), env={}))
    text = repr(shown)
    assert "s3cret" not in text and "tok-123" not in text
    assert shown["database"]["url"] == "postgresql://u:***@db/ir"
    assert shown["api"]["token"] == "***"


def test_relative_paths_resolve_next_to_the_config(tmp_path: Path) -> None:
    cfg = tmp_path / "conf" / "c.yaml"
    cfg.parent.mkdir()
    cfg.write_text("database: {url: 'sqlite:///db/x.db'}\nfeeds: [{name: f, url: feeds/a.xml}]\n")
    settings = load_settings(cfg, env={})
    assert settings.database_url == f"sqlite:///{tmp_path / 'conf' / 'db' / 'x.db'}"
    assert settings.feeds[0].url == (tmp_path / "conf" / "feeds" / "a.xml").as_uri()


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("feeds: [", "not valid YAML"), ("- just\n- a list\n", "must be a mapping")],
)
def test_unreadable_config(tmp_path: Path, text: str, fragment: str) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(text)
    with pytest.raises(ConfigError, match=fragment):
        load_settings(cfg, env={})


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "nope.yaml")


def test_settings_are_frozen() -> None:
    settings = parse_settings({}, base_dir=Path("/srv"), env={})
    with pytest.raises(ValueError, match="frozen"):
        settings.http.max_bytes = 1  # type: ignore[misc]
