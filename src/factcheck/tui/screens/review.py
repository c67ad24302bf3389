"""The review screen: triage an article's claims by keyboard.

Layout: the article's metadata and the verdict keys on top; the claim list beside the article
(which selects and scrolls to the highlighted claim) and the detail pane. Every change is
saved as it happens: the screen updates the claim on screen at once, then a single writer
worker applies the change through the Store in order (so a burst of keys is saved in the order
pressed) and puts the stored truth back on screen. Reads for the detail pane run in their own
worker; nothing touches the database on the UI thread.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import fields, replace
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from factcheck.errors import FactcheckError
from factcheck.store.types import ClaimDetail, ClaimRow, PriorCheck, ReviewInfo
from factcheck.store.vocabulary import STATUS_LABELS
from factcheck.tui.model import TO_REVIEW, ClaimFilter, one_line
from factcheck.tui.screens.dialogs import (
    FilterDialog,
    FlagDecision,
    FlagDialog,
    MetadataDialog,
    MetadataEdit,
    TextDialog,
)
from factcheck.tui.screens.evidence import EvidenceAction, EvidenceDialog
from factcheck.tui.widgets.article_view import ArticleView
from factcheck.tui.widgets.claim_list import ClaimList
from factcheck.tui.widgets.detail_pane import DetailPane

VERDICTS = Binding.Group("Verdict", compact=True)
#: Actions that need a selected claim.
_CLAIM_ACTIONS = {
    "copy_claim", "verdict", "clear_verdict", "rationale", "status", "flag", "evidence",
    "split", "merge", "edit_text", "copy_prior", "officials",
}


#: Actions that change the review (disabled when the database is read-only).
_WRITE_ACTIONS = {"verdict", "clear_verdict", "rationale", "status", "flag", "evidence",
                  "split", "merge", "edit_text", "undo", "metadata", "add_claim", "rerun",
                  "article_flags", "copy_prior", "officials"}
#: Actions that need the review loaded.
_REVIEW_ACTIONS = {"undo", "metadata", "add_claim", "rerun", "export", "filter", "search",
                   "next_todo", "previous_todo", "article_flags"}


class SearchInput(Input):
    """The claim search box (``/``); escape clears the search and closes it."""

    BINDINGS = [Binding("escape", "screen.close_search", "Close search", id="search.close")]


class ReviewScreen(Screen):
    """One review: the claim list, the article, the selected claim's details."""

    AUTO_FOCUS = "#claims"

    BINDINGS = [
        *(Binding(str(n), f"verdict({n})", f"Verdict {n}", group=VERDICTS,
                  id=f"review.verdict-{n}")
          for n in range(1, 10)),
        Binding("0", "clear_verdict", "Clear verdict", show=False, id="review.verdict-clear"),
        Binding("r", "rationale", "Rationale", id="review.rationale",
                tooltip="Write the reasons for the verdict"),
        Binding("i", "status('in_progress')", "In progress", show=False,
                id="review.status-in-progress"),
        Binding("s", "status('needs_second_look')", "Second look", show=False,
                id="review.status-second-look"),
        Binding("d", "status('done')", "Done", show=False, id="review.status-done"),
        Binding("x", "status('not_checkable')", "Not checkable", show=False,
                id="review.status-not-checkable"),
        Binding("n", "next_todo", "Next to review", show=False, id="review.next-todo"),
        Binding("N", "previous_todo", "Previous to review", show=False,
                id="review.previous-todo"),
        Binding("e", "evidence", "Evidence", id="review.evidence",
                tooltip="Add, edit or remove links, excerpts and notes"),
        Binding("c", "flag('confirmed')", "Confirm flag", show=False, id="review.flag-confirm"),
        Binding("D", "flag('dismissed')", "Dismiss flag", show=False, id="review.flag-dismiss"),
        Binding("slash", "search", "Search", id="review.search"),
        Binding("f", "filter", "Filter", id="review.filter"),
        Binding("u,ctrl+z", "undo", "Undo", id="review.undo"),
        Binding("A", "article_flags", "Article flags", show=False, id="review.article-flags",
                tooltip="Confirm or dismiss flags about the whole article"),
        Binding("m", "metadata", "Metadata", show=False, id="review.metadata",
                tooltip="Edit title, outlet, date and source"),
        Binding("S", "split", "Split claim", show=False, id="review.split",
                tooltip="Split the claim at the article cursor"),
        Binding("M", "merge", "Merge with next", show=False, id="review.merge"),
        Binding("a", "add_claim", "Add claim", show=False, id="review.add-claim",
                tooltip="Make a claim of the text selected in the article"),
        Binding("T", "edit_text", "Edit claim text", show=False, id="review.edit-text"),
        Binding("R", "rerun", "Re-run checks", show=False, id="review.rerun"),
        Binding("C", "copy_prior", "Copy earlier check", show=False, id="review.copy-prior",
                tooltip="Take over the verdict, rationale and evidence of the best earlier "
                        "check of this claim (checked before)"),
        Binding("O", "officials", "Officials registry", show=False, id="review.officials",
                tooltip="Add or correct the speaker's role (by hand or from Wikidata), then "
                        "re-check the titles"),
        Binding("y", "copy_claim", "Copy claim", show=False, id="review.copy",
                tooltip="Copy the claim, its verdict and rationale to the clipboard"),
        Binding("E", "export", "Export", show=False, id="review.export",
                tooltip="Preview and save the review: Markdown, ClaimReview, JSON or CSV"),
        Binding("escape,b", "library", "Library", show=False, id="review.library"),
        Binding("tab", "app.focus_next", "Next pane", show=False, id="review.next-pane"),
        Binding("shift+tab", "app.focus_previous", "Previous pane", show=False,
                id="review.previous-pane"),
    ]

    claim_filter: var[ClaimFilter] = var(ClaimFilter(), init=False)
    """Which claims the list shows (set by ``f`` and ``/``)."""
    review: var[ReviewInfo | None] = var(None, init=False)
    """The article and its metadata, as last read from the store."""

    def __init__(self, review_id: int):
        super().__init__()
        self.review_id = review_id
        self.claims: list[ClaimRow] = []
        self.by_id: dict[int, ClaimRow] = {}
        self.scale = None
        self.labels: dict[str, str] = {}
        self.detail: ClaimDetail | None = None
        self.article_flags: list = []
        self.priors: dict[int, list[PriorCheck]] = {}
        """Claim id -> earlier checks of the same claim in other reviews, best first."""
        self.loaded = False
        self._versions: dict[int, int] = {}
        self._jobs: deque = deque()
        self._jobs_lock = threading.Lock()
        self._writing = False
        self._binding_state: tuple = ()

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static("Loading…", id="review-meta")
        yield Static("", id="review-scale")
        with Container(id="review-body"):
            yield ClaimList(id="claims")
            with Container(id="review-side"):
                yield ArticleView(id="article")
                yield DetailPane(id="detail")
        yield SearchInput(placeholder="search claim text and speakers · enter applies · "
                          "esc clears", id="search")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search").display = False
        self.query_one("#claims").border_title = "Claims"
        self.query_one("#article").border_title = "Article"
        self.query_one("#detail").border_title = "Claim"
        self._load()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")
        self.query_one(Footer).compact = self.size.width < 110

    @property
    def store(self):
        return self.app.store

    @property
    def who(self) -> str | None:
        return self.app.reviewer

    @property
    def current(self) -> ClaimRow | None:
        return self.query_one(ClaimList).current

    # ------------------------------------------------------------------ loading

    @work(thread=True, group="review-load", exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        try:
            review = self.store.get_review(self.review_id)
            claims = self.store.load_claims(self.review_id)
            self.article_flags = self._article_flags(self.store)
            scale = self.store.rating_scale()
        except FactcheckError as err:
            self.app.call_from_thread(self._load_failed, str(err))
            return
        self._versions = {c.id: c.version for c in claims}
        self.app.call_from_thread(self._loaded, review, claims, scale)

    def _load_failed(self, message: str) -> None:
        self.notify(message, title="Cannot open the review", severity="error")
        self.app.pop_screen()

    def _loaded(self, review: ReviewInfo, claims: list[ClaimRow], scale) -> None:
        self.scale = scale
        self.labels = {r.key: r.label for r in scale}
        claim_list = self.query_one(ClaimList)
        claim_list.labels = self.labels
        self.query_one("#review-scale", Static).update(self._scale_text())
        self.query_one(ArticleView).set_article(review.text)
        self.review = review
        self.loaded = True
        self._set_claims(claims)
        # Tens of thousands of long-lived rows: keep the cyclic GC from rescanning them on
        # every full collection (a 10,000-claim review otherwise stalls a key for ~200 ms).
        gc.freeze()
        claim_list.focus()
        self.refresh_bindings()
        self._load_priors(None)

    # ------------------------------------------------------------------ checked before

    @work(thread=True, group="review-priors", exit_on_error=False)
    def _load_priors(self, claim_ids: list[int] | None) -> None:
        """Claims of other reviews that say the same and have a verdict (all claims, or only
        ``claim_ids`` after they were reworded, split or merged)."""
        try:
            found = self.store.checked_before(self.review_id, claim_ids=claim_ids)
        except FactcheckError as err:
            self._post(self.notify, f"Could not look for earlier checks: {err}",
                       severity="warning", timeout=6)
            return
        self._post(self._priors_loaded, claim_ids, found)

    def _priors_loaded(self, claim_ids: list[int] | None,
                       found: dict[int, list[PriorCheck]]) -> None:
        before = dict(self.priors)
        if claim_ids is None:
            self.priors = dict(found)
        else:
            for cid in claim_ids:
                self.priors.pop(cid, None)
            self.priors.update(found)
        if self.priors == before:
            return  # nothing to redraw (and no footer refresh under a dialog opened since)
        claim_list = self.query_one(ClaimList)
        claim_list.priors = {cid for cid, checks in self.priors.items() if checks}
        claim_list.refresh()
        self._binding_state = ()
        self._refresh_binding_state()
        if self.detail is not None:
            self._show_detail(self.detail)

    def _refresh_priors(self, claim_ids: list[int]) -> None:
        ids = [cid for cid in claim_ids if cid in self.by_id]
        if ids:
            self._load_priors(ids)

    def action_copy_prior(self) -> None:
        claim = self.current
        if claim is None:
            return
        checks = self.priors.get(claim.id)
        if not checks:
            self.notify(f"Claim {claim.number} was not checked before.", timeout=3)
            return
        prior = checks[0]
        cid, who = claim.id, self.who

        def job(store):
            self._set_version(cid, store.copy_prior_check(
                cid, prior.claim_id, who=who, expected_version=self._version(cid)))

        where = one_line(prior.review_title or f"review {prior.review_id}", 50)
        self._submit(job, claim_id=cid, done=lambda _: self.notify(
            f"Claim {claim.number}: took over {prior.verdict_label} from {where} (u undoes).",
            timeout=4))

    def _scale_text(self) -> str:
        from textual.markup import escape

        keys = "  ".join(f"[b $accent]{n}[/] {escape(r.label)}"
                         for n, r in enumerate(self.scale.ratings[:9], 1))
        return f"Verdict keys: {keys}  [b $accent]0[/] clear"

    def watch_review(self) -> None:
        self._render_meta()

    def _render_meta(self) -> None:
        """The metadata line: date first (the checks judge titles by it), then outlet, title,
        source, and the article-level flags still open."""
        review = self.review
        if review is None:
            return
        from textual.markup import escape

        date = (review.published.isoformat() if review.published
                else "[b $warning]no date[/] (titles cannot be checked)")
        parts = [date, escape(review.outlet or "no outlet"),
                 f"[b]{escape(one_line(review.title or 'Untitled article', 70))}[/]",
                 escape(one_line(review.source or "no source", 50))]
        open_flags = sum(f.state == "open" for f in self.article_flags)
        if open_flags:
            parts.insert(0, f"[b $warning]⚑ {open_flags} article flag(s) (A)[/]")
        if self.store.readonly:
            parts.insert(0, "[b $error]read-only[/]")
        self.query_one("#review-meta", Static).update(" · ".join(parts) + "  [dim](m edit)[/]")

    def _set_claims(self, claims: list[ClaimRow], keep: int | None = None) -> None:
        current = self.current
        self.claims = claims
        self.by_id = {c.id: c for c in claims}
        self._show_claims(keep if keep is not None else (current.id if current else None))

    def _show_claims(self, keep: int | None) -> None:
        flt = self.claim_filter
        visible = [c for c in self.claims if flt.matches(c)] if flt.active else self.claims
        claim_list = self.query_one(ClaimList)
        claim_list.set_rows(visible, keep=keep)
        self._update_titles()
        if not visible:
            self._show_detail(None)

    def _update_titles(self) -> None:
        claim_list = self.query_one(ClaimList)
        done = sum(c.status in ("done", "not_checkable") for c in self.claims)
        title = f"Claims · {done}/{len(self.claims)} done"
        if self.claim_filter.active:
            title += f" · showing {len(claim_list.rows)}"
        claim_list.border_title = title
        described = self.claim_filter.describe(self.labels)
        claim_list.border_subtitle = f"filter: {described}" if described else ""

    def watch_claim_filter(self) -> None:
        current = self.current
        self._show_claims(current.id if current else None)

    # ------------------------------------------------------------------ moving

    @on(ClaimList.Highlighted)
    def _highlighted(self, event: ClaimList.Highlighted) -> None:
        claim = event.claim
        self._refresh_binding_state()
        if claim is None:
            return
        self.query_one(ArticleView).show_span(claim.start, claim.end)
        self.query_one(DetailPane).border_title = f"Claim {claim.number}"
        self._load_detail(claim.id)

    def _refresh_binding_state(self) -> None:
        claim = self.current
        state = (
            claim is not None,
            bool(claim and claim.flags),
            bool(claim and claim.number < len(self.claims)),
            bool(claim and self.priors.get(claim.id)),
        )
        if state != self._binding_state:
            self._binding_state = state
            self.refresh_bindings()

    @work(thread=True, group="review-detail", exclusive=True, exit_on_error=False)
    def _load_detail(self, claim_id: int) -> None:
        worker = get_current_worker()
        try:
            detail = self.store.claim_detail(claim_id)
        except FactcheckError:
            return  # the claim went away (merge, undo); the next reload shows the truth
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_detail, detail)

    def _show_detail(self, detail: ClaimDetail | None) -> None:
        current = self.current
        if detail is not None and (current is None or current.id != detail.claim.id):
            return
        self.detail = detail
        priors = self.priors.get(detail.claim.id, []) if detail is not None else []
        self.query_one(DetailPane).show(detail, self.labels,
                                        self.review.text if self.review else None, priors)

    def _move_to_todo(self, step: int) -> None:
        claim_list = self.query_one(ClaimList)
        rows = claim_list.rows
        if not rows:
            return
        i = claim_list.cursor + step
        while 0 <= i < len(rows):
            if rows[i].status in TO_REVIEW:
                claim_list.cursor = i
                return
            i += step
        self.notify("No more claims to review in that direction.", timeout=3)

    def action_next_todo(self) -> None:
        self._move_to_todo(1)

    def action_previous_todo(self) -> None:
        self._move_to_todo(-1)

    def action_library(self) -> None:
        self.app.pop_screen()

    # ------------------------------------------------------------------ writing

    def _submit(self, job: Callable[[Any], Any], *, claim_id: int | None = None,
                reload: bool = False, keep: int | None = None,
                done: Callable[[Any], None] | None = None) -> None:
        """Queue a change for the writer; ``claim_id`` is re-read afterwards, or everything
        when ``reload`` (claims were added, removed or renumbered).

        Changes are applied one at a time in the order queued, by a writer worker that is
        started when the first change is queued and ends when the queue is empty.
        """
        with self._jobs_lock:
            self._jobs.append((job, claim_id, reload, keep, done))
            if not self._writing:
                self._writing = True
                self._writer()

    @work(thread=True, group="review-writer", exit_on_error=False)
    def _writer(self) -> None:
        store = self.store
        while True:
            with self._jobs_lock:
                if not self._jobs:
                    self._writing = False
                    return
                job, claim_id, reload, keep, done = self._jobs.popleft()
            try:
                result = job(store)
                review = claims = row = None
                if reload:
                    self.article_flags = self._article_flags(store)
                    review = store.get_review(self.review_id)
                    claims = store.load_claims(self.review_id)
                    self._versions = {c.id: c.version for c in claims}
                elif claim_id is not None:
                    row = store.get_claim(claim_id)
                    self._versions[row.id] = row.version
            except FactcheckError as err:
                self._post(self._write_failed, str(err))
            except Exception as err:  # noqa: BLE001 - never let a write kill the session
                self._post(self._write_failed, f"{type(err).__name__}: {err}")
            else:
                self._post(self._written, result, review, claims, row, keep, done)

    def _post(self, callback, *args, **kwargs) -> None:
        # Fails only when the app is closing: nothing left to show.
        with contextlib.suppress(Exception):
            self.app.call_from_thread(callback, *args, **kwargs)

    def _article_flags(self, store) -> list:
        return [f for f in store.list_flags(self.review_id) if f.claim_id is None]

    def _written(self, result, review, claims, row, keep, done) -> None:
        if review is not None:
            self.review = review
            self._render_meta()
        if claims is not None:
            self._set_claims(claims, keep=keep)
        elif row is not None:
            self._apply_row(row)
        self._update_titles()
        self._refresh_binding_state()
        current = self.current
        if current is not None and (claims is not None or (row and row.id == current.id)):
            self._load_detail(current.id)
        if done is not None:
            done(result)

    def _write_failed(self, message: str) -> None:
        self.notify(message, title="Not saved", severity="error", timeout=8)
        self._submit(lambda store: None, reload=True)

    def _apply_row(self, row: ClaimRow) -> None:
        existing = self.by_id.get(row.id)
        if existing is None:
            return
        for f in fields(ClaimRow):
            setattr(existing, f.name, getattr(row, f.name))
        self.query_one(ClaimList).refresh_claim(row.id)

    async def flush(self) -> None:
        """Wait until every queued change is saved."""
        for worker in list(self.app.workers):
            if worker.node is self and worker.group == "review-writer":
                # Cancelled or failed: nothing left to save (failures were shown).
                with contextlib.suppress(Exception):
                    await worker.wait()

    def _version(self, claim_id: int) -> int | None:
        return self._versions.get(claim_id)

    def _set_version(self, claim_id: int, version: int) -> None:
        self._versions[claim_id] = version

    # ------------------------------------------------------------------ verdicts & status

    def describe_binding(self, binding: Binding) -> str | None:
        """Help and palette text for bindings whose meaning depends on the review."""
        if binding.action.startswith("verdict(") and self.scale is not None:
            number = int(binding.action[len("verdict("):-1])
            if number <= len(self.scale):
                rating = self.scale.ratings[number - 1]
                return f"Verdict: {rating.label}"
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """True: valid now. None: valid on this screen but not now (shown disabled, left out
        of the palette). False: not an action of this review (verdict keys past the scale)."""
        if action == "verdict" and self.scale is not None and (
                not parameters or int(parameters[0]) > len(self.scale)):
            return False
        if not self.loaded:
            return None if action in _CLAIM_ACTIONS | _REVIEW_ACTIONS else True
        if action in _WRITE_ACTIONS and self.store.readonly:
            return None
        claim = self.current
        if action in _CLAIM_ACTIONS and claim is None:
            return None
        if action == "flag":
            return True if claim and claim.flags else None
        if action == "article_flags":
            return True if self.article_flags else None
        if action == "merge":
            return True if claim is not None and claim.number < len(self.claims) else None
        if action == "officials":
            return True if claim is not None and (claim.speaker or claim.flags) else None
        if action == "copy_prior":
            return True if claim is not None and self.priors.get(claim.id) else None
        return True

    def action_verdict(self, number: int) -> None:
        claim = self.current
        if claim is None or not 1 <= number <= len(self.scale):
            return
        self._give_verdict(claim, self.scale.ratings[number - 1].key)

    def action_clear_verdict(self) -> None:
        claim = self.current
        if claim is not None:
            self._give_verdict(claim, None)

    def _give_verdict(self, claim: ClaimRow, key: str | None) -> None:
        # Shown at once; the writer saves it and puts the stored row back.
        claim.verdict = key
        if key is not None and claim.status in ("unreviewed", "in_progress"):
            claim.status = "done"
        elif key is None and claim.status == "done":
            claim.status = "in_progress"
        self.query_one(ClaimList).refresh_claim(claim.id)
        self._update_titles()
        cid, who = claim.id, self.who

        def job(store):
            self._set_version(cid, store.set_verdict(cid, key, who=who,
                                                     expected_version=self._version(cid)))

        self._submit(job, claim_id=cid)

    def action_status(self, status: str) -> None:
        claim = self.current
        if claim is None:
            return
        claim.status = status
        self.query_one(ClaimList).refresh_claim(claim.id)
        self._update_titles()
        cid, who = claim.id, self.who

        def job(store):
            self._set_version(cid, store.set_status(cid, status, who=who,
                                                    expected_version=self._version(cid)))

        self._submit(job, claim_id=cid)
        self.notify(f"Claim {claim.number}: {STATUS_LABELS[status]}", timeout=2)

    def action_rationale(self) -> None:
        claim = self.current
        if claim is None:
            return
        verdict = self.labels.get(claim.verdict, "no verdict yet") if claim.verdict else \
            "no verdict yet"
        cid, who = claim.id, self.who

        def save(text: str | None) -> None:
            if text is None:
                return

            def job(store):
                self._set_version(cid, store.set_rationale(
                    cid, text.strip() or None, who=who, expected_version=self._version(cid)))

            self._submit(job, claim_id=cid)

        self.app.push_screen(
            TextDialog(f"Rationale for claim {claim.number} ({verdict})", claim.rationale or "",
                       hint=one_line(claim.text, 200)),
            save,
        )

    # ------------------------------------------------------------------ flags, evidence

    def _detail_for(self, claim: ClaimRow) -> ClaimDetail | None:
        if self.detail is not None and self.detail.claim.id == claim.id:
            return self.detail
        self.notify("Still loading the claim's details; try again.", timeout=2)
        return None

    def action_flag(self, state: str) -> None:
        claim = self.current
        if claim is None:
            return
        detail = self._detail_for(claim)
        if detail is None:
            return
        if not detail.flags:
            self.notify(f"Claim {claim.number} has no flags.", timeout=3)
            return
        cid, who = claim.id, self.who

        def save(decision: FlagDecision | None) -> None:
            if decision is None:
                return

            def job(store):
                store.set_flag_state(decision.flag_id, decision.state, decision.reason, who=who,
                                     expected_version=self._version(cid))

            self._submit(job, claim_id=cid)

        self.app.push_screen(FlagDialog(detail.flags, state), save)

    def action_article_flags(self) -> None:
        if not self.article_flags:
            return
        who = self.who

        def save(decision: FlagDecision | None) -> None:
            if decision is None:
                return
            self._submit(lambda store: store.set_flag_state(
                decision.flag_id, decision.state, decision.reason, who=who), reload=True)

        self.app.push_screen(FlagDialog(self.article_flags, "dismissed"), save)

    def action_evidence(self) -> None:
        claim = self.current
        if claim is None:
            return
        detail = self._detail_for(claim)
        if detail is None:
            return
        cid, who = claim.id, self.who

        def save(action: EvidenceAction | None) -> None:
            if action is None:
                return

            def job(store):
                v = self._version(cid)
                if action.op == "add":
                    store.add_evidence(cid, who=who, expected_version=v, **action.fields)
                elif action.op == "update":
                    store.update_evidence(action.evidence_id, who=who, expected_version=v,
                                          **action.fields)
                else:
                    store.remove_evidence(action.evidence_id, who=who, expected_version=v)

            self._submit(job, claim_id=cid)

        self.app.push_screen(
            EvidenceDialog(claim.number, detail.evidence, client=self.app.http_client), save
        )

    # ------------------------------------------------------------------ claims

    def action_split(self) -> None:
        claim = self.current
        if claim is None:
            return
        at = self.query_one(ArticleView).cursor_offset()
        if not claim.start < at < claim.end:
            self.notify("Put the article cursor inside the claim where it should be split "
                        "(tab to the article, move with the arrows), then press S.",
                        title="Split", severity="warning")
            return
        cid, who = claim.id, self.who
        self._submit(lambda store: store.split_claim(cid, at, who=who,
                                                     expected_version=self._version(cid)),
                     reload=True, keep=cid,
                     done=lambda new_id: (self.notify(f"Claim {claim.number} split in two.",
                                                      timeout=3),
                                          self._refresh_priors([cid, new_id])))

    def action_merge(self) -> None:
        claim = self.current
        if claim is None:
            return
        cid, who = claim.id, self.who
        self._submit(lambda store: store.merge_with_next(cid, who=who,
                                                         expected_version=self._version(cid)),
                     reload=True, keep=cid,
                     done=lambda _: (self.notify(
                         f"Claims {claim.number} and {claim.number + 1} merged.", timeout=3),
                         self._refresh_priors([cid])))

    def action_add_claim(self) -> None:
        start, end = self.query_one(ArticleView).selected_offsets()
        if start == end or not self.review or not self.review.text[start:end].strip():
            self.notify("Select the claim's text in the article first (tab to the article, "
                        "shift+arrows to select), then press a.", title="Add claim",
                        severity="warning")
            return
        review_id, who = self.review_id, self.who
        self._submit(lambda store: store.add_claim(review_id, start, end, who=who), reload=True,
                     done=lambda new_id: (self._select_claim(new_id, "Claim added."),
                                          self._refresh_priors([new_id])))

    def _select_claim(self, claim_id: int, message: str | None = None) -> None:
        claim_list = self.query_one(ClaimList)
        index = claim_list.index_of(claim_id)
        if index is not None:
            claim_list.cursor = index
        claim_list.focus()
        if message:
            self.notify(message, timeout=3)

    def action_edit_text(self) -> None:
        claim = self.current
        if claim is None:
            return
        cid, who = claim.id, self.who

        def save(text: str | None) -> None:
            if text is None or not text.strip() or text.strip() == claim.text:
                return

            def job(store):
                self._set_version(cid, store.edit_claim_text(
                    cid, text, who=who, expected_version=self._version(cid)))

            self._submit(job, claim_id=cid, done=lambda _: self._refresh_priors([cid]))

        self.app.push_screen(TextDialog(f"Text of claim {claim.number}", claim.text), save)

    def action_rerun(self) -> None:
        from factcheck.tui.rerun import rerun_checks

        review_id, who = self.review_id, self.who
        self.notify("Re-running the checks…", timeout=2)
        self._submit(lambda store: rerun_checks(store, review_id, who=who), reload=True,
                     done=lambda summary: self.notify(summary, title="Checks", timeout=6))

    def action_officials(self) -> None:
        from factcheck.tui.screens.officials import OfficialsDialog

        claim = self.current
        if claim is None:
            return
        detail = self.detail if self.detail and self.detail.claim.id == claim.id else None
        org = next((q.speaker_org for q in detail.quotes if q.speaker_org
                    and q.speaker == claim.speaker), None) if detail else None
        values = {"name": claim.speaker or "", "role": claim.speaker_title or "",
                  "organization": org or ""}
        review_id = self.review_id

        def save(row) -> None:
            if row is None:
                return

            def job(store):
                from factcheck.officials.io import merge
                from factcheck.officials.tables import SqlRegistry
                from factcheck.workflow import check_officials

                with store.translating_errors(), SqlRegistry.open(store.write_engine) as reg:
                    report = merge(reg, [row])
                flags = check_officials(store, review_id)
                return f"{row.name}: {report.summary()}; officials checks: {flags} flag(s)"

            self._submit(job, reload=True,
                         done=lambda summary: self.notify(summary, title="Officials registry",
                                                          timeout=6))

        self.app.push_screen(OfficialsDialog(self.store, values, client=self.app.http_client),
                             save)

    def action_undo(self) -> None:
        review_id, who = self.review_id, self.who

        def done(description: str | None) -> None:
            if description is None:
                self.notify("Nothing to undo.", timeout=3)
            else:
                self.notify(f"Undone: {description}", timeout=4)
                # An undone split, merge or rewording changes which claims match: look again
                # (a few hundred claims take well under a second, in a worker).
                self._load_priors(None)

        self._submit(lambda store: store.undo_last(review_id, who=who), reload=True, done=done)

    # ------------------------------------------------------------------ article

    def action_metadata(self) -> None:
        review = self.review
        if review is None:
            return
        values = {"title": review.title, "outlet": review.outlet, "byline": review.byline,
                  "published": review.published.isoformat() if review.published else None,
                  "source": review.source}
        review_id, who = self.review_id, self.who

        def save(edit: MetadataEdit | None) -> None:
            if edit is None:
                return
            current = self.review

            def job(store):
                store.update_article_metadata(
                    review_id, who=who, expected_version=current.version if current else None,
                    title=edit.title, outlet=edit.outlet, byline=edit.byline,
                    published=edit.published, source=edit.source)

            changed_date = review.published != edit.published
            self._submit(job, reload=True, done=lambda _: self.notify(
                "Metadata saved." + (" The date changed: press R to re-run the checks."
                                     if changed_date else ""), timeout=5))

        self.app.push_screen(MetadataDialog(values), save)

    def action_copy_claim(self) -> None:
        claim = self.current
        if claim is None:
            return
        lines = [f"Claim {claim.number}: {claim.text}"]
        if claim.verdict:
            lines.append(f"Verdict: {self.labels.get(claim.verdict, claim.verdict)}")
        if claim.rationale:
            lines.append(f"Rationale: {claim.rationale}")
        # OSC 52: works over SSH too, unlike a local clipboard library.
        self.app.copy_to_clipboard("\n".join(lines))
        self.notify(f"Claim {claim.number} copied.", timeout=2)

    def action_export(self) -> None:
        from factcheck.tui.screens.export import ExportDialog, Exported

        def done(result: Exported | None) -> None:
            if result is not None:
                self.notify(f"Exported {result.format} to {result.path}", timeout=5)

        self.app.push_screen(ExportDialog(self.store, self.review_id), done)

    # ------------------------------------------------------------------ search & filter

    def action_search(self) -> None:
        search = self.query_one(SearchInput)
        search.display = True
        search.value = self.claim_filter.text
        search.focus()

    def action_close_search(self) -> None:
        search = self.query_one(SearchInput)
        search.display = False
        if self.claim_filter.text:
            self.claim_filter = replace(self.claim_filter, text="")
        self.query_one(ClaimList).focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.claim_filter = replace(self.claim_filter, text=event.value.strip())
        event.input.display = False
        self.query_one(ClaimList).focus()
        if not self.query_one(ClaimList).rows:
            self.notify("No claim matches; / to search again, f to change the filter.",
                        timeout=4)

    def action_filter(self) -> None:
        kinds = sorted({c.kind for c in self.claims})
        verdicts = [(r.key, r.label) for r in self.scale] if self.scale else []

        def chosen(flt: ClaimFilter | None) -> None:
            if flt is not None:
                self.claim_filter = flt

        self.app.push_screen(FilterDialog(self.claim_filter, verdicts, kinds), chosen)
