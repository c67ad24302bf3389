"""The verdict scale: the ratings a review can give a claim.

A default scale ships with factcheck (:data:`DEFAULT_SCALE`); a newsroom defines its own in a
TOML settings file with one ``[[verdicts]]`` table per rating, best first::

    [[verdicts]]
    key = "true"                      # stored on claims; letters, digits, - and _
    label = "True"                    # shown to editors and in reports
    description = "Accurate; nothing significant missing."
    value = 5                         # optional: ClaimReview ratingValue (higher = truer)

``order`` may be given explicitly; otherwise the file's order is used. A rating whose ``value``
is omitted (e.g. "Unproven") has no place on the numeric ClaimReview scale.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import StoreError

_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True, slots=True)
class Rating:
    """One verdict: ``key`` is stored on claims, ``label`` is shown, ``value`` is numeric."""

    key: str
    label: str
    description: str = ""
    order: int = 0
    value: float | None = None


@dataclass(frozen=True, slots=True)
class RatingScale:
    """An ordered verdict scale (best rating first)."""

    ratings: tuple[Rating, ...]

    def __iter__(self):
        return iter(self.ratings)

    def __len__(self) -> int:
        return len(self.ratings)

    def keys(self) -> list[str]:
        return [r.key for r in self.ratings]

    def get(self, key: str | None) -> Rating | None:
        """The rating with this exact key, or None."""
        for rating in self.ratings:
            if rating.key == key:
                return rating
        return None

    def find(self, key_or_label: str) -> Rating | None:
        """The rating whose key or label matches, case-insensitively (``"mostly FALSE"``)."""
        wanted = " ".join(key_or_label.replace("_", " ").replace("-", " ").split()).casefold()
        for rating in self.ratings:
            for name in (rating.key, rating.label):
                if " ".join(name.replace("_", " ").replace("-", " ").split()).casefold() == wanted:
                    return rating
        return None

    def label(self, key: str | None) -> str | None:
        """The label for a stored key (the key itself if the scale no longer has it)."""
        if key is None:
            return None
        rating = self.get(key)
        return rating.label if rating else key

    @property
    def best_value(self) -> float | None:
        values = [r.value for r in self.ratings if r.value is not None]
        return max(values) if values else None

    @property
    def worst_value(self) -> float | None:
        values = [r.value for r in self.ratings if r.value is not None]
        return min(values) if values else None


DEFAULT_SCALE = RatingScale(
    (
        Rating("true", "True", "Accurate, with nothing significant missing.", 1, 5),
        Rating(
            "mostly-true",
            "Mostly true",
            "Accurate but needs clarification or additional information.",
            2,
            4,
        ),
        Rating(
            "misleading",
            "Misleading",
            "Contains accurate elements but leaves a false impression.",
            3,
            3,
        ),
        Rating(
            "mostly-false",
            "Mostly false",
            "Contains an element of truth but ignores facts that change the picture.",
            4,
            2,
        ),
        Rating("false", "False", "Not accurate.", 5, 1),
        Rating(
            "unproven",
            "Unproven",
            "The evidence available can neither confirm nor refute it.",
            6,
            None,
        ),
    )
)


def load_rating_scale(path: str | Path | None = None) -> RatingScale:
    """The verdict scale from a TOML settings file's ``[[verdicts]]`` tables.

    Args:
        path: the settings file; ``None``, or a file without ``[[verdicts]]``, gives the
            default scale.

    Raises:
        StoreError: the file cannot be read or a rating is invalid (one line saying which).
    """
    if path is None:
        return DEFAULT_SCALE
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise StoreError(f"cannot read settings file {path}: {err.strerror or err}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise StoreError(f"settings file {path} is not valid TOML: {err}") from None
    entries = data.get("verdicts")
    if entries is None:
        return DEFAULT_SCALE
    return scale_from_entries(entries, where=str(path))


def scale_from_entries(entries: object, *, where: str = "settings") -> RatingScale:
    """Build a scale from a list of mappings (the parsed ``[[verdicts]]`` tables)."""
    if not isinstance(entries, list) or not entries:
        raise StoreError(f"{where}: 'verdicts' must be a non-empty list of [[verdicts]] tables")
    ratings: list[Rating] = []
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise StoreError(f"{where}: verdict {number} is not a table")
        key = entry.get("key")
        label = entry.get("label")
        if not isinstance(key, str) or not _KEY_RE.match(key):
            raise StoreError(
                f"{where}: verdict {number} needs a 'key' of lower-case letters, digits, - or _"
            )
        if key in seen:
            raise StoreError(f"{where}: verdict key {key!r} is used twice")
        if not isinstance(label, str) or not label.strip():
            raise StoreError(f"{where}: verdict {key!r} needs a 'label'")
        description = entry.get("description", "")
        if not isinstance(description, str):
            raise StoreError(f"{where}: verdict {key!r}: 'description' must be text")
        order = entry.get("order", number)
        if not isinstance(order, int) or isinstance(order, bool):
            raise StoreError(f"{where}: verdict {key!r}: 'order' must be an integer")
        value = entry.get("value")
        if value is not None and (not isinstance(value, int | float) or isinstance(value, bool)):
            raise StoreError(f"{where}: verdict {key!r}: 'value' must be a number")
        unknown = set(entry) - {"key", "label", "description", "order", "value"}
        if unknown:
            raise StoreError(
                f"{where}: verdict {key!r}: unknown field(s) {', '.join(sorted(unknown))}"
            )
        seen.add(key)
        ratings.append(
            Rating(key, label.strip(), description, order, None if value is None else float(value))
        )
    ratings.sort(key=lambda r: r.order)
    return RatingScale(tuple(ratings))
