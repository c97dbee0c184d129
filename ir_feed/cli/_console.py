"""The console tables are printed on (rich), apart from :mod:`._common` so that a
command printing JSON only does not load the store to get it."""

from __future__ import annotations

import shutil
import sys

from rich.console import Console


def stdout() -> Console:
    # Piped output gets a wide table rather than rich's 80-column default.
    width = None if sys.stdout.isatty() else shutil.get_terminal_size(fallback=(160, 24)).columns
    return Console(soft_wrap=False, highlight=False, width=width)
