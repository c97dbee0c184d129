"""ir_feed: an investor-relations event feed.

Polls press-release feeds, stores every release, extracts regulatory and
clinical-trial events, and publishes their diffs.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
