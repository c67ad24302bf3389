"""The review store: every article, claim, quote, evidence, verdict and change, kept in SQLite
(or any SQLAlchemy database, e.g. a newsroom's shared PostgreSQL).

Use it through :class:`Store` (``factcheck.store.api``)::

    from factcheck.store import Store

    with Store.open("claims.db") as store:           # or None: $FACTCHECK_DB / ./claims.db
        result = store.import_analysis(analysis)     # ImportResult(review_id, created, revision)
        claims = store.load_claims(result.review_id) # list[ClaimRow], fast
        store.set_verdict(claims[0].id, "false", "The figure is 3%, not 30%.",
                          who="ana", expected_version=claims[0].version)

Importing this package is cheap: SQLAlchemy is imported only when a name below is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.lazy import lazy_exports

_EXPORTS = {
    "Store": "factcheck.store.api",
    "ConflictError": "factcheck.store.api",
    "NotFoundError": "factcheck.store.api",
    "ReadOnlyError": "factcheck.store.api",
    "default_reviewer": "factcheck.store.api",
    "content_hash": "factcheck.store.api",
    "flag_key": "factcheck.store.api",
    "Rating": "factcheck.store.scale",
    "RatingScale": "factcheck.store.scale",
    "DEFAULT_SCALE": "factcheck.store.scale",
    "load_rating_scale": "factcheck.store.scale",
    "resolve_target": "factcheck.store.engine",
    "SCHEMA_HEAD": "factcheck.store.engine",
    "CLAIM_STATUSES": "factcheck.store.vocabulary",
    "STATUS_LABELS": "factcheck.store.vocabulary",
    "FLAG_STATES": "factcheck.store.vocabulary",
    "EVIDENCE_KINDS": "factcheck.store.vocabulary",
    "RELIABILITY": "factcheck.store.vocabulary",
    "ImportResult": "factcheck.store.types",
    "ReviewSummary": "factcheck.store.types",
    "ReviewInfo": "factcheck.store.types",
    "ClaimRow": "factcheck.store.types",
    "ClaimDetail": "factcheck.store.types",
    "QuoteRow": "factcheck.store.types",
    "FlagRow": "factcheck.store.types",
    "EvidenceRow": "factcheck.store.types",
    "PriorCheck": "factcheck.store.types",
    "ChangeSetRow": "factcheck.store.types",
    "Change": "factcheck.store.types",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from factcheck.store.api import (  # noqa: F401
        ConflictError,
        NotFoundError,
        ReadOnlyError,
        Store,
        content_hash,
        default_reviewer,
        flag_key,
    )
    from factcheck.store.engine import SCHEMA_HEAD, resolve_target  # noqa: F401
    from factcheck.store.vocabulary import (  # noqa: F401
        CLAIM_STATUSES,
        EVIDENCE_KINDS,
        FLAG_STATES,
        RELIABILITY,
        STATUS_LABELS,
    )
    from factcheck.store.scale import (  # noqa: F401
        DEFAULT_SCALE,
        Rating,
        RatingScale,
        load_rating_scale,
    )
    from factcheck.store.types import (  # noqa: F401
        Change,
        ChangeSetRow,
        ClaimDetail,
        ClaimRow,
        EvidenceRow,
        FlagRow,
        ImportResult,
        PriorCheck,
        QuoteRow,
        ReviewInfo,
        ReviewSummary,
    )


__getattr__ = lazy_exports(__name__, _EXPORTS, globals())
