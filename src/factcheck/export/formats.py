"""One entry point for every export format, shared by ``factcheck export`` and the TUI.

::

    from factcheck.export.formats import export_review, write_export

    result = export_review(store, review_id, "markdown")       # or claimreview, json, csv
    preview = result.text                                       # what will be written
    write_export(Path(result.filename), result.text, force=False)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.export.errors import ExportError
from factcheck.export.mdtext import slugify

if TYPE_CHECKING:  # pragma: no cover
    from factcheck.store import Store

#: Format name -> file name suffix.
FORMATS: dict[str, str] = {
    "markdown": ".md",
    "claimreview": ".claimreview.json",
    "json": ".json",
    "csv": ".csv",
}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """An export, rendered: ``text`` to write, ``filename`` the default file name for it,
    ``summary`` a few words on what it holds (for a status line)."""

    format: str
    text: str
    filename: str
    summary: str


def default_filename(title: str | None, published: dt.date | None, review_id: int, fmt: str) -> str:
    """``<date>-<slug of the title><suffix>``, e.g. ``2024-03-14-ferry-fares-to-rise.md``.

    Without a date the date is left out; without a usable title the slug is
    ``review-<id>``.
    """
    suffix = FORMATS[fmt]
    slug = slugify(title) or f"review-{review_id}"
    return (f"{published.isoformat()}-{slug}" if published else slug) + suffix


def export_review(
    store: Store,
    review_id: int,
    fmt: str,
    *,
    base_url: str | None = None,
    organization: str | None = None,
    generated_at: dt.datetime | None = None,
) -> ExportResult:
    """Render review ``review_id`` in format ``fmt`` (a key of :data:`FORMATS`).

    ``base_url`` and ``organization`` are for ClaimReview (see ``to_claimreview``);
    ``generated_at`` adds a "Report generated" line to the Markdown report.

    Raises:
        NotFoundError: no review with that id.
        ExportError: an unknown format, or a ClaimReview without a page address.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (one of: {', '.join(FORMATS)})")
    if fmt == "json":
        from factcheck.export.tabular import dumps_json, review_to_json

        data = review_to_json(store, review_id)
        article = data["article"]
        published = dt.date.fromisoformat(article["published"]) if article["published"] else None
        n = len(data["claims"])
        return ExportResult(
            fmt,
            dumps_json(data),
            default_filename(article["title"], published, review_id, fmt),
            f"{n} claim{'s' if n != 1 else ''}, {len(data['history'])} changes",
        )

    from factcheck.export.data import load_report_data

    report = load_report_data(store, review_id)
    filename = default_filename(report.title, report.published, review_id, fmt)
    n, reviewed = len(report.claims), len(report.reviewed_claims)
    counts = f"{n} claim{'s' if n != 1 else ''}, {reviewed} reviewed"
    if fmt == "markdown":
        from factcheck.export.markdown import render_report

        return ExportResult(fmt, render_report(report, generated_at=generated_at), filename, counts)
    if fmt == "claimreview":
        from factcheck.export.claimreview import dumps, to_claimreview

        items = to_claimreview(
            report, scale=report.scale, base_url=base_url, organization=organization
        )
        word = "ClaimReview object" if len(items) == 1 else "ClaimReview objects"
        return ExportResult(fmt, dumps(items), filename, f"{len(items)} {word}")
    from factcheck.export.tabular import to_csv

    return ExportResult(fmt, to_csv(report), filename, f"{n} row{'s' if n != 1 else ''}")


def write_export(path: str | os.PathLike, text: str, *, force: bool = False) -> Path:
    """Write ``text`` (UTF-8, line ends as given) to ``path``; returns the path written.

    An existing file is never replaced unless ``force``: the check and the creation are one
    step (exclusive create), so two exports racing cannot overwrite each other. With
    ``force`` the new file is written beside the old one and moved over it, so a failed
    write never leaves half a report.

    Raises:
        ExportError: the file exists (without ``force``), or it cannot be written.
    """
    path = Path(path)
    data = text.encode("utf-8")
    if not force:
        try:
            with open(path, "xb") as fh:
                try:
                    fh.write(data)
                except BaseException:
                    fh.close()
                    path.unlink(missing_ok=True)
                    raise
        except FileExistsError:
            raise ExportError(f"{path} already exists (use --force to replace it)") from None
        except OSError as err:
            raise ExportError(f"cannot write {path}: {err.strerror or err}") from None
        return path
    if path.is_dir():
        raise ExportError(f"{path} is a directory")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {err.strerror or err}") from None
    return path


__all__ = ["FORMATS", "ExportResult", "default_filename", "export_review", "write_export"]
