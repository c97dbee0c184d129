"""`python -m ir_feed` is the `ir-feed` command."""

from ir_feed.cli import main

raise SystemExit(main())
