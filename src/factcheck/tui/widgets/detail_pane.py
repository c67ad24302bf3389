"""The detail pane: everything about the selected claim (quotes, flags, evidence, verdict and
rationale, reasons, history), rendered as themed Content (no literal colours)."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import Static

from factcheck.store.types import ClaimDetail, PriorCheck
from factcheck.store.vocabulary import STATUS_LABELS

_HEADING = "[b $accent]{}[/]"


def _e(text: object) -> str:
    return escape(" ".join(str(text).split()))


def prior_markup(priors: list[PriorCheck]) -> list[str]:
    """Lines on the earlier checks of a claim (best first): the verdict, where and when, the
    match score, the earlier wording and rationale."""
    lines: list[str] = []
    for i, p in enumerate(priors):
        where = p.review_title or f"review {p.review_id}"
        when = (p.published or p.reviewed_at.date()).isoformat()
        head = "Checked before" if i == 0 else "Also checked"
        lines.append(f"[b $accent]↺ {head}:[/] [b]{_e(p.verdict_label)}[/] in {_e(where)} "
                     f"({when}), score {p.score:.0f}")
        lines.append(f"   “{_e(p.text)}”")
        if p.rationale:
            lines.append(f"   [i]{_e(p.rationale)}[/]")
    if priors:
        lines.append("[dim]C copies the first check (verdict, rationale, evidence)[/]")
    return lines


def detail_markup(detail: ClaimDetail, labels: dict[str, str], article: str | None = None,
                  priors: list[PriorCheck] | None = None) -> str:
    """The detail pane's text as Textual markup (user text escaped).

    Flags come first (they are what an editor must look at), then the verdict, quotes,
    evidence, the reasons for checking and the history. The claim's text is shown only when
    an editor reworded it (the article pane shows the original).
    """
    c = detail.claim
    lines: list[str] = []
    speaker = ""
    if c.speaker:
        speaker = f" · {_e(c.speaker)}" + (f", {_e(c.speaker_title)}" if c.speaker_title else "")
    lines.append(f"[b]Claim {c.number}[/] · {_e(c.kind)}{speaker} · "
                 f"worth checking {c.checkworthy:.2f}")
    if article is not None and article[c.start:c.end].strip() != c.text.strip():
        lines.append(f"[b]Reworded:[/] {_e(c.text)}")
    if detail.flags:
        lines.append("")
        still_open = sum(f.state == "open" for f in detail.flags)
        lines.append(_HEADING.format(f"Flags ({still_open} open)"))
        for f in detail.flags:
            mark = {"open": "[b $warning]⚑ open[/]", "confirmed": "[b $error]✔ confirmed[/]",
                    "dismissed": "[dim]✗ dismissed[/]"}.get(f.state, _e(f.state))
            lines.append(f"{mark} {_e(f.kind)}: {_e(f.message)}")
            if f.state_reason:
                lines.append(f"   [dim]reason:[/] {_e(f.state_reason)}"
                             + (f" [dim]({_e(f.state_by)})[/]" if f.state_by else ""))
        lines.append("[dim]c confirm · D dismiss[/]")
    if priors:
        lines.append("")
        lines.extend(prior_markup(priors))
    lines.append("")
    verdict = labels.get(c.verdict, c.verdict) if c.verdict else "none yet"
    lines.append(_HEADING.format("Verdict") + f" {_e(verdict)} · status "
                 f"{_e(STATUS_LABELS.get(c.status, c.status))}"
                 + (f" · by {_e(c.reviewer)}" if c.reviewer else ""))
    lines.append(f"[i]{_e(c.rationale)}[/]" if c.rationale else "[dim]No rationale yet (r).[/]")
    if detail.quotes:
        lines.append("")
        lines.append(_HEADING.format("Quotes"))
        for q in detail.quotes:
            who = _e(q.speaker) if q.speaker else "[b $warning]no speaker[/]"
            title = ", ".join(_e(t) for t in (q.speaker_title, q.speaker_org) if t)
            lines.append(f"“{_e(q.text)}” — {who}" + (f", {title}" if title else "")
                         + (f" [dim]({_e(q.how)})[/]" if q.how else ""))
    lines.append("")
    lines.append(_HEADING.format(f"Evidence ({len(detail.evidence)})"))
    if not detail.evidence:
        lines.append("[dim]None yet (e).[/]")
    for ev in detail.evidence:
        head = " · ".join(_e(p) for p in (ev.title, ev.url) if p) or _e(ev.kind)
        lines.append(f"• [b]{_e(ev.kind)}[/] {head}")
        if ev.excerpt:
            lines.append(f"  “{_e(ev.excerpt)}”")
        if ev.note:
            lines.append(f"  [dim]note:[/] {_e(ev.note)}")
    if detail.reasons:
        lines.append("")
        lines.append(_HEADING.format("Why check it"))
        lines.append(", ".join(f"{_e(r.get('label'))} ({float(r.get('weight', 0)):+.2f})"
                               for r in detail.reasons))
    if detail.history:
        lines.append("")
        lines.append(_HEADING.format("History"))
        for h in detail.history[:20]:
            undone = " [dim](undone)[/]" if h.undone else ""
            lines.append(f"[dim]{h.at:%Y-%m-%d %H:%M}[/] {_e(h.who)}: {_e(h.description)}{undone}")
    return "\n".join(lines)


class DetailPane(VerticalScroll, can_focus=True):
    """Scrollable details of one claim."""

    HELP = "The selected claim's flags, verdict, quotes, evidence and history (scroll with ↑↓)."

    def compose(self):
        yield Static("", id="detail-body")

    def show(self, detail: ClaimDetail | None, labels: dict[str, str],
             article: str | None = None, priors: list[PriorCheck] | None = None) -> None:
        body = self.query_one("#detail-body", Static)
        if detail is None:
            body.update("No claim selected.")
            return
        body.update(Content.from_markup(detail_markup(detail, labels, article, priors)))
        self.scroll_home(animate=False)
