"""The analysis pipeline: raw article text in, ``Analysis`` out.

normalise -> clean (title, metadata, removed lines, body blocks) -> lay out the body text ->
split sentences (claims) -> find quotations -> attribute them -> classify and score claims ->
flags. Pure Python, no I/O: the caller loads the text (``factcheck.sources``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from factcheck.analysis.claims import classify
from factcheck.analysis.clean import clean_article
from factcheck.analysis.flags import basic_flags
from factcheck.analysis.model import Analysis, Article, Claim, Quote, Span
from factcheck.analysis.normalize import normalize_text
from factcheck.analysis.people import phrase_after, phrase_before
from factcheck.analysis.quotes import Attributor, QuoteSpan, find_quotes, to_quote
from factcheck.analysis.sentences import split_sentences

PARAGRAPH_SEPARATOR = "\n\n"


def analyze_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    byline: str | None = None,
    published: dt.date | None = None,
    source: str | None = None,
    removed: list[str] | None = None,
) -> Analysis:
    """Analyse one article.

    Args:
        text: the article as plain text (any line endings; may include page furniture).
        title, outlet, byline, published: metadata known from elsewhere (HTML, ``--date``);
            they take precedence over what is read from the text.
        source: where the article came from (path or URL), kept in the result.
        removed: lines already removed by an earlier stage (HTML extraction).
    """
    normalised = normalize_text(text)
    cleaned = clean_article(normalised, title=normalize_text(title) if title else None)
    article = Article(
        text="",
        title=cleaned.title,
        outlet=normalize_text(outlet) if outlet else cleaned.outlet,
        byline=normalize_text(byline) if byline else cleaned.byline,
        published=published or cleaned.published,
        source=source,
        removed=[normalize_text(r) for r in (removed or [])] + cleaned.removed,
    )
    analysis = Analysis(article=article)

    # Lay out the body: blocks separated by blank lines; remember where each one is.
    parts: list[str] = []
    paragraphs: list[tuple[int, int]] = []
    offset = 0
    for block in cleaned.blocks:
        if parts:
            offset += len(PARAGRAPH_SEPARATOR)
        start, end = offset, offset + len(block.text)
        parts.append(block.text)
        offset = end
        if block.kind == "heading":
            analysis.headings.append(Span(start, end, block.text))
        else:
            paragraphs.append((start, end))
    body = PARAGRAPH_SEPARATOR.join(parts)
    article.text = body

    quotes_by_paragraph = [
        find_quotes(body, p_start, p_end, p_index)
        for p_index, (p_start, p_end) in enumerate(paragraphs)
    ]
    attributor = Attributor(body, [q for qs in quotes_by_paragraph for q in qs])
    quotes: list[Quote] = []
    claims: list[Claim] = []
    previous_quote: Quote | None = None
    paragraph_lead: tuple | None = None
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        paragraph_quotes = quotes_by_paragraph[p_index]
        sentences = split_sentences(body, p_start, p_end)
        # "He said:" ending the previous paragraph introduces a quotation opening this one.
        intro = _colon_intro(body, paragraphs, p_index, attributor)
        signature = _dash_signature(body, paragraphs, p_index) if paragraph_quotes else None
        # The speaker of reported speech in the sentence just before, when that sentence
        # quoted nothing: "Bystrom agreed. “Mainstream Republicans are …”". Across a paragraph
        # break too, when the paragraph before quoted nothing ("Howard continued his
        # remarks." / "“Eight years ago …”").
        lead_in = paragraph_lead if p_index and not quotes_by_paragraph[p_index - 1] else None
        for s_start, s_end in sentences:
            claim_id = len(claims) + 1
            sentence_lead: tuple | None = None
            in_sentence = [q for q in paragraph_quotes if s_start <= q.open_mark < s_end]
            attributor.note_mentions(s_start, s_end)
            reported_speaker: tuple[str | None, str | None] = (None, None)
            # The sentence's subject is the latest person mentioned, for a "he said" in it.
            attributor.note_subject(s_start, s_end)
            if not in_sentence:
                phrase = attributor.attribute_reported(s_start, s_end)
                if phrase is not None and phrase.kind not in ("anonymous", "document"):
                    name, title, title_span = attributor.resolve(phrase)
                    reported_speaker = (name, title)
                    if name is not None:
                        sentence_lead = (name, title, title_span, phrase)
            claim_quotes: list[Quote] = []
            for qspan, phrase, how in attributor.attribute(
                s_start, s_end, in_sentence, p_end
            ):
                name = title = title_span = carried_span = None
                if phrase is None and intro is not None and qspan.open_mark == p_start:
                    phrase, how = intro, "X said:"
                if phrase is None and signature is not None and signature.kind == "person":
                    phrase, how = signature, "— X"
                if phrase is not None:
                    name, title, title_span = attributor.resolve(phrase)
                # An attribution of its own that names nobody known ("it now says") is not
                # replaced by a guess from the sentences around.
                if phrase is None and lead_in is not None and qspan.open_mark == s_start:
                    name, title, title_span, phrase = lead_in
                    how = "X said. “…”"
                if phrase is None and previous_quote is not None and previous_quote.speaker:
                    # A quotation that opens its sentence with no attribution of its own
                    # continues the speaker of the quotation just before it ("“A,” he said.
                    # “B.”"), in this paragraph or the previous one.
                    continues = qspan.open_mark == s_start
                    if continues and _is_adjacent(previous_quote, paragraphs, p_index):
                        name = previous_quote.speaker
                        title = previous_quote.speaker_title
                        title_span = previous_quote.title_span
                        how = "carried over"
                        phrase = None
                        carried_span = previous_quote.speaker_span
                quote = to_quote(
                    body, qspan, claim_id, name, title, title_span, phrase, how,
                    partial=_is_partial(body, qspan, s_start),
                )
                if phrase is None and how == "carried over":
                    # The words that carried the attribution are the earlier quotation's.
                    quote.speaker_span = carried_span
                    quote.speaker_kind = previous_quote.speaker_kind
                claim_quotes.append(quote)
                previous_quote = quote
            quotes.extend(claim_quotes)
            lead_in = sentence_lead
            claim = _make_claim(body, claim_id, s_start, s_end, p_index, claim_quotes)
            claim.speaker, claim.speaker_title = reported_speaker
            claims.append(claim)
        # Only a one-sentence paragraph introduces the next one ("Howard continued his
        # remarks."): the last sentence of a longer paragraph is usually about something else.
        paragraph_lead = lead_in if len(sentences) == 1 else None
    _backfill_runs(quotes, body, paragraphs)
    first_speaker: dict[int, Quote] = {}
    for quote in quotes:
        if quote.speaker:
            first_speaker.setdefault(quote.claim_id, quote)
    for claim in claims:
        first = first_speaker.get(claim.id)
        if first is not None:
            claim.speaker, claim.speaker_title = first.speaker, first.speaker_title

    analysis.claims = claims
    analysis.quotes = quotes
    analysis.speakers = attributor.speakers({q.speaker for q in quotes if q.speaker})
    analysis.flags = basic_flags(claims, quotes, analysis.speakers)
    return analysis


def _colon_intro(body: str, paragraphs: list[tuple[int, int]], p_index: int, attributor):
    """The speaker phrase of a previous paragraph that ends in a colon ("Caddell continued:")."""
    if p_index == 0:
        return None
    prev_start, prev_end = paragraphs[p_index - 1]
    if not body[prev_start:prev_end].rstrip().endswith(":"):
        return None
    sentences = split_sentences(body, prev_start, prev_end)
    if not sentences:
        return None
    start, end = sentences[-1]
    phrase = attributor.attribute_reported(start, end)
    if phrase is None:
        # "Frank quotes former Carter adviser Alfred Kahn:" - the named person before the colon.
        phrase = phrase_before(body, end - 1, floor=start)
        if phrase is not None and phrase.kind not in ("person", "description"):
            phrase = None
    if phrase is None:
        # "On July 6, 2015, Sanders made the following comment:" - the sentence's subject.
        found = attributor.sentence_subject(start, end)
        phrase = found[0] if found else None
    return phrase


def _dash_signature(body: str, paragraphs: list[tuple[int, int]], p_index: int):
    """A paragraph that only signs the quotation before it ("- Sanders.", "―Michelle Marks,
    Philadelphia"): the speaker phrase, or None."""
    if p_index + 1 >= len(paragraphs):
        return None
    start, end = paragraphs[p_index + 1]
    match = _SIGNATURE.match(body, start, end)
    if not match:
        return None
    return phrase_after(body, match.end(), end)


_SIGNATURE = re.compile(r"\s*[-―—–]\s*(?=[A-Z])")


def _is_adjacent(previous: Quote, paragraphs: list[tuple[int, int]], p_index: int) -> bool:
    """The previous quotation is in this paragraph or the one just before it."""
    if p_index == 0:
        return True
    prev_start, prev_end = paragraphs[p_index - 1]
    return previous.start >= prev_start


def _backfill_runs(quotes: list[Quote], body: str, paragraphs: list[tuple[int, int]]) -> None:
    """A quotation left open at a paragraph's end whose continuation found a speaker gets that
    speaker too (the attribution often comes in the second paragraph)."""
    paragraph_ends = [end for _, end in paragraphs]
    for i in range(len(quotes) - 1, 0, -1):
        later, earlier = quotes[i], quotes[i - 1]
        if earlier.speaker is None and later.speaker and later.how != "none":
            # Open-ended: the earlier quotation runs to its paragraph's end.
            index = bisect.bisect_right(paragraph_ends, earlier.start)
            if index >= len(paragraph_ends) or body[earlier.end : paragraph_ends[index]].strip():
                continue
            if body[earlier.end : later.start].count("\n\n") == 1:
                earlier.speaker = later.speaker
                earlier.speaker_title = later.speaker_title
                earlier.speaker_org = later.speaker_org
                earlier.title_span = later.title_span
                earlier.speaker_span = later.speaker_span
                earlier.speaker_kind = later.speaker_kind
                earlier.how = "carried over"


def _is_partial(body: str, quote: QuoteSpan, sentence_start: int) -> bool:
    """A partial quotation is embedded in the writer's own sentence ("called Kim a “thug”")."""
    before = body[sentence_start : quote.open_mark].rstrip()
    return bool(before) and not before.endswith((":", ","))


def _make_claim(
    body: str, claim_id: int, start: int, end: int, paragraph: int, quotes: list[Quote]
) -> Claim:
    text = body[start:end]
    quoted = sum(q.end - q.start for q in quotes)
    share = quoted / max(1, end - start)
    kind, reasons, score = classify(text, bool(quotes), share)
    return Claim(
        id=claim_id,
        text=text,
        start=start,
        end=end,
        kind=kind,
        checkworthy=score,
        reasons=reasons,
        paragraph=paragraph,
    )
