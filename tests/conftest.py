"""Shared fixtures: paths to the bundled example and to the real seed article in ../shared/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "harbour-ferry.txt"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "kim-dialogue.txt"
SEED_DATE = dt.date(2021, 6, 18)


@pytest.fixture
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed article is not here ({SEED}): it lives in ../shared/ beside the repo")
    return SEED


@pytest.fixture
def example_path() -> Path:
    return EXAMPLE
