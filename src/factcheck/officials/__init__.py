"""The registry of officials and the misattribution checks.

- ``registry``: ``PartialDate``, ``Person``, ``Role``, the in-memory ``Registry`` and the
  ``RegistryReader``/``RegistryWriter`` protocols.
- ``titles``: ``normalise_title`` and ``titles_match``, driven by ``data/titles.toml``.
- ``checks``: ``run_checks(analysis, registry, other_quotes=...)`` and the single checks.
- ``io``: CSV/JSON import (validate all, then merge idempotently) and CSV export.
- ``wikidata``: ``lookup_person`` over an injectable ``httpx.Client``.
- ``tables``: ``SqlRegistry`` over SQLModel tables, ``load_registry``.

Nothing is imported here, so ``import factcheck.officials`` stays cheap.
"""
