"""Rich rendering of an analysis for the terminal (``factcheck analyze`` without ``--json``).

Article text is always passed to Rich as ``Text`` (never as markup), so square brackets in an
article cannot be read as Rich markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from factcheck.analysis.model import Analysis


def print_analysis(analysis: Analysis, console: Console | None = None) -> None:
    console = console or Console()
    art = analysis.article
    console.print(Text(art.title or "(untitled article)", style="bold"))
    meta = " · ".join(
        x for x in (art.outlet, art.byline, art.published.isoformat() if art.published else
                    "no publication date (use --date)", art.source) if x
    )
    console.print(Text(meta, style="dim"))
    if art.removed:
        console.print(Text(f"Removed {len(art.removed)} lines of page furniture:", style="dim"))
        for line in art.removed:
            console.print(Text(f"  – {line}", style="dim strike"))

    table = Table(title=f"{len(analysis.claims)} claims", expand=True, show_lines=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("speaker", ratio=1, min_width=12)
    table.add_column("claim", ratio=3, min_width=30)
    flagged = {f.claim_id for f in analysis.flags}
    for claim in analysis.claims:
        marker = "⚑ " if claim.id in flagged else ""
        speaker = claim.speaker or ""
        if claim.speaker_title:
            speaker += f" ({claim.speaker_title})"
        table.add_row(
            str(claim.id), claim.kind, f"{claim.checkworthy:.2f}", Text(speaker),
            Text(marker + claim.text),
        )
    console.print(table)

    if analysis.quotes:
        quotes = Table(title=f"{len(analysis.quotes)} quotes", expand=True)
        quotes.add_column("claim", justify="right", no_wrap=True)
        quotes.add_column("speaker", ratio=1, min_width=10)
        quotes.add_column("title", ratio=1, min_width=10)
        quotes.add_column("quote", ratio=3, min_width=30)
        for q in analysis.quotes:
            quotes.add_row(str(q.claim_id), Text(q.speaker or "?"), Text(q.speaker_title or ""),
                           Text(f"“{q.text}”"))
        console.print(quotes)

    if analysis.flags:
        console.print(Text(f"{len(analysis.flags)} flags", style="bold"))
        for flag in analysis.flags:
            where = f"claim {flag.claim_id}" if flag.claim_id else "article"
            line = Text(f"⚑ [{flag.kind}] {where}: ", style="bold")
            line.append(flag.message, style="")
            console.print(line)
    else:
        console.print(Text("No flags.", style="dim"))
