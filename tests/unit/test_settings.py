from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
import yaml

from ir_feed.cli import main
from ir_feed.delivery import generate_secret
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


GOOD_SECRET = generate_secret()


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        ("whsec_short", "followed by standard base64"),
        ("whsec_" + base64.b64encode(bytes(8)).decode(), "encodes 24 to 64 bytes, not 8"),
        ("sk_live_0123456789", "starts with 'whsec_'"),
        (f"{GOOD_SECRET} whsec_AAAA", "secret 2 of 2: a signing secret encodes 24 to 64 bytes, not 3"),
    ],
    ids=["not-base64", "too-short", "no-prefix", "rotation"],
)
def test_a_subscription_secret_the_signer_would_refuse_is_a_config_error(secret: str, reason: str) -> None:
    raw = {"delivery": {"subscriptions": [{"name": "desk", "url": "https://hooks.example.com/x", "secret": secret}]}}
    with pytest.raises(ConfigError) as info:
        parse_settings(raw, base_dir=Path("/srv"), env={})
    ((path, message),) = info.value.problems
    assert path == "delivery.subscriptions[0].secret" and reason in message
    assert all(part not in str(info.value) for part in secret.split())


def test_valid_and_rotated_secrets_pass() -> None:
    rotated = f"{generate_secret()} {GOOD_SECRET}"
    raw = {"delivery": {"subscriptions": [{"name": "desk", "url": "https://hooks.example.com/x", "secret": rotated}]}}
    (sub,) = parse_settings(raw, base_dir=Path("/srv"), env={}).delivery.subscriptions
    assert sub.secret is not None and sub.secret.get_secret_value() == rotated


def test_config_check_reports_a_bad_secret_with_its_path_not_its_value(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "delivery:\n  subscriptions:\n    - {name: desk, url: 'https://hooks.example.com/x', secret: whsec_short}\n"
    )
    assert main(["config", "check", "--config", str(cfg)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ir-feed: error: invalid configuration")
    assert "delivery.subscriptions[0].secret: a signing secret is 'whsec_' followed by standard base64" in err
    assert "whsec_short" not in err


def test_the_delivery_tick_must_come_often_enough_to_renew_leases() -> None:
    with pytest.raises(ConfigError, match=r"delivery.*tick \(60 s\) must be at most a third of lease \(120 s\)"):
        parse_settings({"delivery": {"tick": 60, "lease": 120}}, base_dir=Path("/srv"), env={})
    assert parse_settings({"delivery": {"tick": 40, "lease": 120}}, base_dir=Path("/srv"), env={}).delivery.tick == 40


def test_show_masks_feed_url_credentials(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = {
        "feeds": [
            {"name": "a", "url": "http://user:pw@h/x?token=abc&page=2#top"},
            {"name": "b", "url": "https://tok-123@h/x?API_KEY=k-456&q=a%20b"},
            {"name": "c", "url": "https://h/plain?page=1"},
        ],
        "api": {"public_url": "https://u:pub-pw@ir.example.com"},
    }
    shown = masked(parse_settings(raw, base_dir=Path("/srv"), env={}))
    assert [f["url"] for f in shown["feeds"]] == [
        "http://user:***@h/x?token=***&page=2#top",
        "https://***@h/x?API_KEY=***&q=a%20b",
        "https://h/plain?page=1",
    ]
    assert shown["api"]["public_url"] == "https://u:***@ir.example.com"
    cfg = tmp_path / "c.yaml"
    cfg.write_text("feeds:\n  - {name: a, url: 'http://user:pw@h/x?token=abc'}\n")
    assert main(["config", "show", "--config", str(cfg)]) == 0
    out = capsys.readouterr().out
    assert "http://user:***@h/x?token=***" in out and ":pw@" not in out and "abc" not in out


@pytest.mark.parametrize(
    ("content", "where", "reason"),
    [
        (b"http:\n  user_agent: caf\xe9\n", "c.yaml:2", "not UTF-8 text (byte 0xe9)"),
        (b"feeds: &f [*f]\n", "feeds[0]", "contains itself (a recursive YAML alias)"),
        (b"http: &h {max_bytes: 2048, page_hosts: [*h]}\n", "http.page_hosts[0]", "contains itself"),
        (b"&root {feeds: [*root]}\n", "feeds[0]", "contains itself"),
        (b"feeds: " + b"[" * 5000 + b"]" * 5000 + b"\n", "c.yaml", "nested too deeply"),
    ],
    ids=["latin-1", "alias-in-itself", "alias-in-section", "alias-of-root", "deep"],
)
def test_undecodable_or_self_containing_config_is_a_config_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, where: str, reason: str
) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_bytes(content)
    with pytest.raises(ConfigError) as info:
        load_settings(cfg, env={})
    assert any(path.endswith(where) and reason in message for path, message in info.value.problems)
    assert main(["config", "check", "--config", str(cfg)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ir-feed: error: invalid configuration") and reason in err


def test_shared_yaml_aliases_are_still_fine() -> None:
    raw = yaml.safe_load("hosts: &h [a.example.com]\nhttp: {page_hosts: *h}\nfeeds: []\n")
    del raw["hosts"]
    assert parse_settings(raw, base_dir=Path("/srv"), env={}).http.page_hosts == ("a.example.com",)


def test_page_hosts_are_hosts_host_ports_or_origins() -> None:
    raw = {"http": {"page_hosts": ["Pages.Example.com", "cdn.example.com:8443", "https://media.example.com:9443/"]}}
    got = parse_settings({**raw, "feeds": []}, base_dir=Path("/srv"), env={}).http.page_hosts
    assert got == ("pages.example.com", "cdn.example.com:8443", "https://media.example.com:9443")
    for bad in ["pages.example.com/path", "ftp://pages.example.com", "user@pages.example.com", "pages example.com", ""]:
        with pytest.raises(ConfigError):
            parse_settings({"http": {"page_hosts": [bad]}, "feeds": []}, base_dir=Path("/srv"), env={})


SUB = {"name": "desk", "format": "slack"}
SUB_URL = "delivery.subscriptions[0].url"


@pytest.mark.parametrize(
    ("raw", "path", "reason"),
    [
        ({"database": {"url": "postgresql:foo"}}, "database.url", "is not a database URL"),
        ({"database": {"url": "sqlite:foo"}}, "database.url", "is not a database URL"),
        ({"database": {"url": "postgresql://u:pw@h:abc/db"}}, "database.url", "is not a database URL"),
        ({"database": {"url": "postgresql+psycopg2://u:pw@h/db"}}, "database.url", "driver 'psycopg2'"),
        ({"database": {"url": "postgresql://u:pw@h:99999/db"}}, "database.url", "invalid port"),
        ({"feeds": [{"name": "a", "url": "https://h:99999/rss"}]}, "feeds[0].url", "invalid port (must be 1-65535)"),
        ({"feeds": [{"name": "a", "url": "http://h:0/rss"}]}, "feeds[0].url", "invalid port"),
        ({"feeds": [{"name": "a", "url": "http://h:x/rss"}]}, "feeds[0].url", "invalid port"),
        ({"delivery": {"subscriptions": [{**SUB, "url": "https://h:70000/x"}]}}, SUB_URL, "invalid port"),
        ({"delivery": {"subscriptions": [{**SUB, "url": "https://h:0/x"}]}}, SUB_URL, "invalid port"),
        ({"http": {"user_agent": "ir-feed\r\nX-Evil: 1"}}, "http.user_agent", "printable ASCII"),
        ({"http": {"user_agent": "ir-feed\x00"}}, "http.user_agent", "no line breaks or other control characters"),
        ({"http": {"user_agent": "ir-feed\tbot"}}, "http.user_agent", "printable ASCII"),
        ({"http": {"user_agent": "ir-feed (café)"}}, "http.user_agent", "printable ASCII"),
    ],
)
def test_config_check_refuses_values_that_would_fail_later(raw: dict[str, Any], path: str, reason: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_settings(raw, base_dir=Path("/srv"), env={})
    ((where, message),) = info.value.problems
    assert where == path and reason in message
    assert "pw" not in str(info.value)  # a database URL is never echoed (it may hold a password)


def test_the_accepted_urls_and_user_agents_still_pass() -> None:
    raw = {
        "database": {"url": "postgresql+psycopg://u:pw@h:5432/db"},
        "feeds": [{"name": "a", "url": "https://h:65535/rss"}, {"name": "b", "url": "http://h:1/"}],
        "http": {"user_agent": "  ir-feed/1.0 (+mailto:ops@example.org)  "},
        "delivery": {"subscriptions": [{**SUB, "url": "https://h:443/x"}]},
    }
    settings = parse_settings(raw, base_dir=Path("/srv"), env={})
    assert settings.http.user_agent == "ir-feed/1.0 (+mailto:ops@example.org)"
    assert masked(settings)["database"]["url"] == "postgresql+psycopg://u:***@h:5432/db"
    assert parse_settings({"database": {"url": "sqlite:///x.db"}}, base_dir=Path("/srv"), env={})


def _config_with(tmp_path: Path, urls: list[str], *, allow_private: bool = False) -> Path:
    subs = [{"name": f"s{i}", "format": "slack", "url": url} for i, url in enumerate(urls)]
    cfg = tmp_path / "c.yaml"
    cfg.write_text(yaml.safe_dump({"feeds": [], "delivery": {"allow_private_networks": allow_private,
                                                              "subscriptions": subs}}))  # fmt: skip
    return cfg


def test_config_check_refuses_subscription_urls_that_sync_would_refuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    private = [
        "http://127.0.0.1/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/hook",
        "https://[::1]/hook",
        "http://0x7f000001/hook",
        "https://[::ffff:10.0.0.1]/T0001/secretpath",
    ]
    assert main(["config", "check", "--config", str(_config_with(tmp_path, private))]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ir-feed: error:") and err.count("\n") == 1
    assert all(f"'s{i}'" in err for i in range(len(private)))
    assert "allow_private_networks" in err and "secretpath" not in err and "T0001" not in err
    # where the operator allowed private networks, private and loopback pass as sync would take
    # them; a link-local (cloud metadata) address never does
    private_ok = [u for u in private if "169.254" not in u]
    assert main(["config", "check", "--config", str(_config_with(tmp_path, private_ok, allow_private=True))]) == 0
    capsys.readouterr()
    assert main(["config", "check", "--config", str(_config_with(tmp_path, private, allow_private=True))]) == 1
    err = capsys.readouterr().err
    assert "'s1'" in err and "link-local" in err and "'s0'" not in err
    # a public address passes; a name that does not resolve now is a warning, not a refusal
    ok = _config_with(tmp_path, ["https://93.184.216.34/hook", "https://no-such-host.invalid/hook"])
    assert main(["config", "check", "--config", str(ok)]) == 0
    out = capsys.readouterr()
    assert "2 subscription(s)" in out.out and "warning: subscription 's1'" in out.err


@pytest.mark.parametrize(
    ("text", "where", "reason"),
    [
        ("feeds: []\nhttp:\n  max_bytes: 1000\n  max_bytes: 2000\n", ":4:", "the key 'max_bytes' is given twice"),
        ("feeds: []\nfeeds: []\n", ":2:", "the key 'feeds' is given twice"),
        (
            'feeds:\n  - {name: a, url: "https://feeds.example.com/rss\\u200b"}\n',
            "feeds[0].url",
            "contains an invisible character (U+200B)",
        ),
        ('feeds:\n  - {name: a, url: "https://feeds.example.com/r ss"}\n', "feeds[0].url", "invisible character"),
    ],
)
def test_config_check_refuses_what_would_silently_go_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: str, reason: str
) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(text)
    assert main(["config", "check", "--config", str(cfg)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ir-feed: error: invalid configuration") and where in err and reason in err


def test_an_empty_config_is_valid_but_says_it_polls_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text("feeds: []\n")
    assert main(["config", "check", "--config", str(cfg)]) == 0
    out = capsys.readouterr()
    assert "ok (0 feed(s), 0 subscription(s))" in out.out and "warning: no feeds" in out.err
    idn = tmp_path / "idn.yaml"  # a name in another script is no invisible character
    idn.write_text("feeds:\n  - {name: a, url: 'https://bücher.example/rss'}\n")
    assert main(["config", "check", "--config", str(idn)]) == 0


def test_retention_defaults_keep_diffs_for_ever_and_prune_the_rest() -> None:
    r = parse_settings({}, base_dir=Path("/srv"), env={}).retention
    assert (r.delivered_messages_days, r.dead_messages_days, r.old_version_text_days, r.diffs_days) == (30, 90, 180, 0)
    assert (r.interval, r.batch) == (3600.0, 500)
    assert r.prunes_anything
    everything = {"delivered_messages_days": 0, "dead_messages_days": 0, "old_version_text_days": 0, "diffs_days": 0}
    assert not parse_settings({"retention": everything}, base_dir=Path("/srv"), env={}).retention.prunes_anything
    # ages may come from the environment, as text
    raw = {"retention": {"diffs_days": "${KEEP_DIFFS:-365}"}}
    assert parse_settings(raw, base_dir=Path("/srv"), env={}).retention.diffs_days == 365
    assert parse_settings(raw, base_dir=Path("/srv"), env={"KEEP_DIFFS": "0"}).retention.diffs_days == 0


def test_every_retention_problem_is_listed_with_its_path(tmp_path: Path) -> None:
    cfg = tmp_path / "c.yaml"
    cfg.write_text(
        "retention:\n"
        "  delivered_messages_days: -1\n"
        "  dead_messages_days: true\n"  # would be 1 day
        "  old_version_text_days:\n"  # empty: would be nothing
        "  diffs_days: 1.5\n"
        "  interval: 0\n"
        "  batch: 0\n"
        "  keep: forever\n"
    )
    with pytest.raises(ConfigError) as info:
        load_settings(cfg, env={})
    problems = dict(info.value.problems)
    assert set(problems) == {
        "retention.delivered_messages_days",
        "retention.dead_messages_days",
        "retention.old_version_text_days",
        "retention.diffs_days",
        "retention.interval",
        "retention.batch",
        "retention.keep",
    }
    assert "not true/false (0 keeps for ever)" in problems["retention.dead_messages_days"]
    assert "must be a number of days (0 keeps for ever)" in problems["retention.old_version_text_days"]
