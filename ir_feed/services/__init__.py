"""The only place the pipeline's stages are sequenced.

``polling``      :class:`Poller` — claim due feeds, fetch, parse, fetch pages, normalize,
                 extract, and in one transaction store releases, events, diffs and
                 their outbox messages
``delivering``   :class:`Deliverer` — claim due outbox messages, send them with no
                 transaction open, record every attempt and the next step
``reprocessing`` :func:`reprocess` — re-run the current extractor over stored releases
``pruning``      :func:`~ir_feed.services.pruning.prune` / ``Pruner`` — the retention settings
                 applied, one short transaction per batch (the daemon's job every
                 ``retention.interval``; ``ir-feed db prune``)
``extraction``   the extractor's inputs for a release
"""

from typing import TYPE_CHECKING

from ir_feed._exports import lazy_exports

if TYPE_CHECKING:
    from ir_feed.services.clock import utcnow
    from ir_feed.services.polling import MAX_PAGE_ATTEMPTS, Poller, PollResult
    from ir_feed.services.reprocessing import ReprocessSummary, reprocess

_EXPORTS = {
    "MAX_PAGE_ATTEMPTS": "polling",
    "PollResult": "polling",
    "Poller": "polling",
    "ReprocessSummary": "reprocessing",
    "reprocess": "reprocessing",
    "utcnow": "clock",
}
__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

__all__ = ["MAX_PAGE_ATTEMPTS", "PollResult", "Poller", "ReprocessSummary", "reprocess", "utcnow"]
