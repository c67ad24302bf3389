"""Quality of the analysis on public labelled data (see docs/quality.md).

    python bench/quality.py [--polnear-split dev|train|both] [--show-errors N] [--skip-clef]

1. PolNeAR (attribution relations in 2016 US political news): recall and precision of the
   direct quotations we extract, and how often the speaker we attach is the annotated Source.
2. CLEF 2019 CheckThat! Task 1 (training split): mean average precision of the ranking of
   debate sentences by our check-worthiness score, as the lab computes it.

Nothing is fitted on these data, so there is no train/test split to respect; the held-out set
that judges the analysis is elsewhere. The data live in ../shared/data (beside the repo) and are
only read, never copied.
"""

from __future__ import annotations

import argparse
import difflib
import glob
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.analysis import analyze_text
from factcheck.analysis.normalize import normalize_text

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
POLNEAR = DATA / "polnear"
CLEF = DATA / "clef2019-checkworthy" / "training"

# A content is a direct quote when (after normalisation) it contains a double quotation mark
# and either starts with one or has at least this share of its letters/digits inside quotes.
DIRECT_SHARE = 0.5
DOUBLE_QUOTES = '“”"'

PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "him",
        "her",
        "them",
        "us",
        "me",
        "his",
        "hers",
        "their",
        "theirs",
        "its",
        "our",
        "ours",
        "who",
        "whom",
        "which",
        "that",
        "this",
        "these",
        "those",
        "one",
    ]
)
# Capitalised tokens that do not make a Source a *named* one (sentence-initial function words
# and generic nouns).
NOT_NAMES = PRONOUNS | frozenset(
    [
        "the",
        "a",
        "an",
        "some",
        "many",
        "most",
        "several",
        "both",
        "another",
        "other",
        "others",
        "each",
        "all",
        "any",
        "such",
        "no",
        "sources",
        "source",
        "officials",
        "official",
        "aides",
        "aide",
        "advocates",
        "critics",
        "experts",
        "analysts",
        "supporters",
        "people",
        "voters",
        "members",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "reporters",
    ]
)
NAME_TOKEN_STOP = NOT_NAMES | frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sen",
        "rep",
        "gov",
        "gen",
        "president",
        "former",
        "senator",
        "candidate",
        "of",
        "and",
        "de",
        "for",
    ]
)


# --------------------------------------------------------------------------- PolNeAR reading


@dataclass
class Annotated:
    """One direct-quote attribution, with spans in normalised-original space."""

    content: list[tuple[int, int]]
    content_text: str
    source: tuple[int, int] | None
    source_text: str | None


@dataclass
class Extracted:
    text: str
    span: tuple[int, int] | None  # in normalised-original space
    speaker: str | None
    speaker_span: tuple[int, int] | None
    speaker_text: str | None
    how: str | None


@dataclass
class Counts:
    articles: int = 0
    contents: int = 0  # all annotated Content spans
    direct: int = 0
    found: int = 0
    with_source: int = 0
    speaker_ok: int = 0
    speaker_loose_ok: int = 0
    speaker_any_ok: int = 0
    named: int = 0
    named_ok: int = 0
    named_loose_ok: int = 0
    extracted: int = 0
    extracted_ok: int = 0
    unmapped: int = 0
    errors: dict[str, list[str]] = field(default_factory=dict)
    how_wrong: dict[str, int] = field(default_factory=dict)
    how_all: dict[str, int] = field(default_factory=dict)

    def add_error(self, kind: str, text: str) -> None:
        self.errors.setdefault(kind, []).append(text)


def parse_ann(path: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]], str]], list[dict]]:
    """Text-bound spans (id -> label, fragments, text) and attribution events."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    events: list[dict] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if not parts or not parts[0]:
            continue
        if parts[0].startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                a, b = frag.split()
                frags.append((int(a), int(b)))
            spans[parts[0]] = (label, frags, parts[2] if len(parts) > 2 else "")
        elif parts[0].startswith("E") and len(parts) >= 2:
            roles = {}
            for item in parts[1].split():
                role, _, ref = item.partition(":")
                roles[role] = ref
            events.append(roles)
    return spans, events


def quoted_share(text: str) -> float:
    """Share of letters/digits of ``text`` inside double quotation marks (an unclosed quote
    runs to the end, as quotes that continue into the next paragraph do)."""
    inside = total = 0
    open_curly = open_straight = False
    for ch in text:
        if ch == "“":
            open_curly = True
        elif ch == "”":
            open_curly = False
        elif ch == '"':
            open_straight = not open_straight
        elif ch.isalnum():
            total += 1
            inside += open_curly or open_straight
    return inside / total if total else 0.0


def is_direct(content: str) -> bool:
    stripped = content.strip()
    if not any(q in stripped for q in DOUBLE_QUOTES):
        return False
    return stripped[:1] in '“"' or quoted_share(stripped) >= DIRECT_SHARE


def locate(norm: str, needle: str, hint: int, window: int | None = None) -> int | None:
    """Position of ``needle`` in ``norm`` nearest ``hint`` (optionally within ``window``)."""
    if not needle:
        return None
    lo = 0 if window is None else max(0, hint - window)
    hi = len(norm) if window is None else min(len(norm), hint + window + len(needle))
    best = None
    pos = norm.find(needle, lo, hi)
    while pos != -1:
        if best is None or abs(pos - hint) < abs(best - hint):
            best = pos
        if pos > hint:
            break
        pos = norm.find(needle, pos + 1, hi)
    return best


def _align(orig: str, norm: str, mapping: list[int], o_base: int, n_base: int) -> None:
    matcher = difflib.SequenceMatcher(None, orig, norm, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        for k in range(a1, a2):
            mapping[o_base + k] = n_base + b1 + (k - a1 if op == "equal" else min(k - a1, b2 - b1))


def offset_map(orig: str, norm: str) -> list[int]:
    """For each offset 0..len(orig) of the file, the corresponding offset in the normalised
    text (a character alignment; normalisation only deletes or swaps a few characters). Lines
    are aligned one by one when the line count is unchanged (fast), else the whole text."""
    mapping = [0] * (len(orig) + 1)
    o_lines = orig.replace("\r\n", "\n\x00").replace("\r", "\n").split("\n")
    n_lines = norm.split("\n")
    if len(o_lines) == len(n_lines):
        o_pos = n_pos = 0
        for o_line, n_line in zip(o_lines, n_lines, strict=True):
            o_line = o_line.replace("\x00", "\r")  # keep lengths: CR of a CRLF is deleted
            _align(o_line, n_line, mapping, o_pos, n_pos)
            o_pos += len(o_line) + 1
            n_pos += len(n_line) + 1
            if o_pos - 1 < len(orig):
                mapping[o_pos - 1] = n_pos - 1
    else:
        _align(orig, norm, mapping, 0, 0)
    mapping[len(orig)] = len(norm)
    return mapping


def map_annotation(
    orig: str, norm: str, frags: list[tuple[int, int]], omap: list[int] | None
) -> list[tuple[int, int]] | None:
    """Annotation fragments (offsets into the file) to normalised-original offsets: directly
    when normalisation kept the length, else through the character alignment, checked against
    the annotated text and, failing that, by searching that text near the aligned place."""
    out = []
    for a, b in frags:
        if omap is None:
            out.append((a, b))
            continue
        na, nb = omap[a], omap[b]
        piece = normalize_text(orig[a:b]).strip()
        if norm[na:nb].strip() != piece:
            pos = locate(norm, piece, na, window=200)
            if pos is None:
                return None
            na, nb = pos, pos + len(piece)
        out.append((na, nb))
    return out


class BodyMap:
    """Maps offsets in ``analysis.article.text`` (blocks joined by blank lines) back to the
    normalised original text, block by block; a block not found verbatim is left unmapped and
    spans in it are located by searching their text near the previous block."""

    def __init__(self, body: str, norm: str) -> None:
        self.body, self.norm = body, norm
        self.blocks: list[tuple[int, int, int | None]] = []  # body start, body end, norm start
        cursor = 0
        pos = 0
        for block in body.split("\n\n"):
            start, end = pos, pos + len(block)
            found = norm.find(block, cursor) if block else -1
            if found == -1 and block:
                found = norm.find(block)
            self.blocks.append((start, end, found if found != -1 else None))
            if found != -1:
                cursor = found + len(block)
            pos = end + 2

    def to_norm(
        self, start: int, end: int, text: str, near: int | None = None
    ) -> tuple[int, int] | None:
        hint = 0
        for b_start, b_end, n_start in self.blocks:
            if b_start <= start <= b_end:
                if n_start is not None and end <= b_end:
                    return n_start + start - b_start, n_start + end - b_start
                break
            if n_start is not None:
                hint = n_start + (b_end - b_start)
        pos = locate(
            self.norm,
            text,
            near if near is not None else hint,
            window=None if near is None else 600,
        )
        return None if pos is None else (pos, pos + len(text))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def any_overlap(spans: list[tuple[int, int]], span: tuple[int, int]) -> int:
    return sum(max(0, min(s[1], span[1]) - max(s[0], span[0])) for s in spans)


def tokens(text: str | None) -> set[str]:
    return {
        t
        for t in re.findall(r"[a-z][a-z'’.-]*", (text or "").lower())
        if t not in NAME_TOKEN_STOP and len(t) > 1
    }


def is_named(source_text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’.-]*", source_text)
    if not words or (len(words) == 1 and words[0].lower() in PRONOUNS):
        return False
    return any(w[0].isupper() and w.lower().rstrip(".") not in NOT_NAMES for w in words)


def context(norm: str, start: int, end: int, pad: int = 120) -> str:
    a, b = max(0, start - pad), min(len(norm), end + pad)
    return ("…" if a else "") + norm[a:b].replace("\n", " ¶ ") + ("…" if b < len(norm) else "")


def short(text: str | None, n: int = 160) -> str:
    text = (text or "").replace("\n", " ¶ ")
    return text if len(text) <= n else text[: n - 1] + "…"


def evaluate_article(txt: Path, ann: Path, counts: Counts) -> None:
    orig = txt.read_text(encoding="utf-8")
    norm = normalize_text(orig)
    omap = None if len(norm) == len(orig) else offset_map(orig, norm)
    spans, events = parse_ann(ann)

    annotated: list[Annotated] = []
    all_contents: list[tuple[int, int]] = []
    for ev in events:
        cid = ev.get("Content")
        if cid not in spans:
            continue
        _, frags, _ = spans[cid]
        mapped = map_annotation(orig, norm, frags, omap)
        if mapped is None:
            counts.unmapped += 1
            continue
        counts.contents += 1
        all_contents.extend(mapped)
        content_text = " … ".join(norm[a:b] for a, b in mapped)
        if not is_direct(content_text):
            continue
        source = source_text = None
        sid = ev.get("Source")
        if sid in spans:
            _, sfrags, _ = spans[sid]
            smapped = map_annotation(orig, norm, sfrags, omap)
            if smapped:
                source = (smapped[0][0], smapped[-1][1])
                source_text = " ".join(norm[a:b] for a, b in smapped)
        annotated.append(Annotated(mapped, content_text, source, source_text))

    analysis = analyze_text(orig)
    body = analysis.article.text
    bmap = BodyMap(body, norm)
    extracted: list[Extracted] = []
    for q in analysis.quotes:
        span = bmap.to_norm(q.start, q.end, body[q.start : q.end])
        sspan = stext = None
        if q.speaker_span is not None:
            ss = q.speaker_span
            stext = body[ss.start : ss.end]
            sspan = bmap.to_norm(ss.start, ss.end, stext, near=span[0] if span else None)
        extracted.append(Extracted(q.text, span, q.speaker, sspan, stext, q.how))
        if span is None:
            counts.unmapped += 1

    counts.articles += 1
    for item in annotated:
        counts.direct += 1
        hits = [(any_overlap(item.content, e.span), e) for e in extracted if e.span]
        hits = [h for h in hits if h[0] > 0]
        if not hits:
            counts.add_error(
                "quote missed",
                f"{txt.stem}\n    content: {short(item.content_text, 220)}\n"
                f"    context: {short(context(norm, item.content[0][0], item.content[-1][1], 60), 400)}",  # noqa: E501
            )
            continue
        counts.found += 1
        if item.source is None:
            continue
        best = max(hits, key=lambda h: h[0])[1]
        counts.with_source += 1
        strict = best.speaker_span is not None and overlaps(best.speaker_span, item.source)
        loose = strict or bool(tokens(best.speaker) & tokens(item.source_text))
        named = is_named(item.source_text or "")
        how = best.how or "none"
        counts.how_all[how] = counts.how_all.get(how, 0) + 1
        counts.speaker_ok += strict
        any_ok = any(
            e.speaker_span is not None and overlaps(e.speaker_span, item.source) for _, e in hits
        )
        counts.speaker_any_ok += any_ok
        counts.speaker_loose_ok += loose
        if named:
            counts.named += 1
            counts.named_ok += strict
            counts.named_loose_ok += loose
        if not strict:
            counts.how_wrong[how] = counts.how_wrong.get(how, 0) + 1
            kind = "speaker missing" if best.speaker is None else "speaker wrong"
            if any_ok:
                kind = "follow-on quote segment unattributed" if best.speaker is None else kind
            a = min(item.content[0][0], item.source[0])
            b = max(item.content[-1][1], item.source[1])
            counts.add_error(
                kind + (" (named source)" if named else ""),
                f"{txt.stem}\n    context:   {short(context(norm, a, b, 80), 500)}\n"
                f"    annotated: {item.source_text!r}\n"
                f"    ours:      speaker={best.speaker!r} span={best.speaker_text!r}"
                f" how={best.how!r}"
                f"{'  (loose match)' if loose else ''}",
            )

    for e in extracted:
        if e.span is None or len(e.text.split()) < 3:
            continue
        counts.extracted += 1
        if any_overlap(all_contents, e.span) > 0:
            counts.extracted_ok += 1
        else:
            counts.add_error(
                "extracted quote not annotated",
                f"{txt.stem}\n    quote: {short(e.text, 220)}\n"
                f"    context: {short(context(norm, e.span[0], e.span[1], 80), 400)}",
            )


def pct(num: int, den: int) -> str:
    return f"{100 * num / den:5.1f}%  ({num}/{den})" if den else "   n/a  (0/0)"


def run_polnear(split: str, show_errors: int) -> Counts:
    root = POLNEAR / split
    counts = Counts()
    for txt in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(glob.escape(txt.stem) + "_*.ann"))
        if not anns:
            continue
        evaluate_article(txt, anns[0], counts)
    c = counts
    print(
        f"\nPolNeAR {split}: {c.articles} articles, {c.contents} attributions, "
        f"{c.direct} direct-quote contents (first annotator per article)"
    )
    print(f"  (a) quote recall                      {pct(c.found, c.direct)}")
    print(
        f"  (b) speaker accuracy, span overlap    {pct(c.speaker_ok, c.with_source)}"
        "   [found quotes with an annotated Source]"
    )
    print(f"      speaker accuracy, loose (token)   {pct(c.speaker_loose_ok, c.with_source)}")
    print(
        f"      ... if any overlapping segment counts {pct(c.speaker_any_ok, c.with_source)}"
        "   [a content split into several quote segments]"
    )
    print(f"  (c) named-speaker accuracy, span      {pct(c.named_ok, c.named)}   [target >= 92%]")
    print(f"      named-speaker accuracy, loose     {pct(c.named_loose_ok, c.named)}")
    print(f"  (d) quote precision (>= 3 words)      {pct(c.extracted_ok, c.extracted)}")
    if c.unmapped:
        print(f"      ({c.unmapped} spans could not be mapped between texts and were skipped)")
    print(
        "      speaker errors by `how`: "
        + ", ".join(
            f"{k}: {v}/{c.how_all.get(k, 0)}"
            for k, v in sorted(c.how_wrong.items(), key=lambda kv: -kv[1])
        )
    )
    if show_errors:
        for kind in (
            "follow-on quote segment unattributed",
            "follow-on quote segment unattributed (named source)",
            "speaker wrong (named source)",
            "speaker missing (named source)",
            "speaker wrong",
            "speaker missing",
            "quote missed",
            "extracted quote not annotated",
        ):
            items = c.errors.get(kind, [])
            if not items:
                continue
            print(f"\n  -- {kind}: {len(items)} in all, first {min(show_errors, len(items))} --")
            step = max(1, len(items) // show_errors)
            for line in items[::step][:show_errors]:
                print("  * " + line)
    return counts


# --------------------------------------------------------------------------- CLEF 2019


def average_precision(labels: list[int]) -> float:
    hits, total = 0, 0.0
    for rank, label in enumerate(labels, 1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def run_clef(show_errors: int) -> None:
    files = sorted(CLEF.glob("*.tsv"))
    aps, rps, p10s, prevalences = [], [], [], []
    false_pos: list[tuple[float, str, str]] = []
    missed: list[tuple[float, str, str]] = []
    n_sent = n_pos = 0
    print(f"\nCLEF 2019 CheckThat! Task 1, training split: {len(files)} transcripts")
    for path in files:
        rows = []
        with path.open(encoding="utf-8", newline="") as fh:
            for raw in fh:
                parts = raw.rstrip("\r\n").split("\t")
                if len(parts) < 4:
                    continue
                line_no, speaker, sentence, label = parts[0], parts[1], parts[2], int(parts[3])
                claims = analyze_text(sentence).claims
                score = max((c.checkworthy for c in claims), default=0.0)
                rows.append((score, int(line_no), label, speaker, sentence))
        # Rank by score, ties in transcript order (a deterministic, conservative tie-break).
        rows.sort(key=lambda r: (-r[0], r[1]))
        labels = [r[2] for r in rows]
        r = sum(labels)
        n_sent += len(rows)
        n_pos += r
        aps.append(average_precision(labels))
        rps.append(sum(labels[:r]) / r if r else 0.0)
        p10s.append(sum(labels[:10]) / 10)
        prevalences.append(r / len(rows) if rows else 0.0)
        print(
            f"  {path.stem:28s} {len(rows):5d} sentences {r:3d} positive   AP {aps[-1]:.3f}  "
            f"R-prec {rps[-1]:.3f}  P@10 {p10s[-1]:.2f}"
        )
        for rank, row in enumerate(rows, 1):
            tag = f"{path.stem}:{row[1]} {row[3]}"
            if not row[2] and rank <= 10:
                false_pos.append((row[0], tag, row[4]))
            elif row[2]:
                missed.append((row[0], tag, row[4]))
    n = len(files)
    print(f"  {n_sent} sentences, {n_pos} check-worthy")
    print(f"  MAP          {sum(aps) / n:.3f}   (2019 best primary run: 0.166 on the test split)")
    print(f"  R-precision  {sum(rps) / n:.3f}   (mean over transcripts)")
    print(f"  P@10         {sum(p10s) / n:.3f}   (mean over transcripts)")
    print(f"  random ranking baseline (mean prevalence) {sum(prevalences) / n:.3f}")
    print("  Nothing is fitted on these data, so no cross-validation is needed.")
    if show_errors:
        false_pos.sort(key=lambda t: -t[0])
        print(
            "\n  -- CLEF top false positives (label 0, in a transcript's top 10): "
            f"{len(false_pos)} --"
        )
        for score, tag, sent in false_pos[:show_errors]:
            print(f"  * {score:.2f} {tag}: {short(sent, 200)}")
        missed.sort(key=lambda t: t[0])
        print(
            "\n  -- CLEF check-worthy sentences scored lowest: "
            f"{sum(1 for m in missed if m[0] == 0)} scored 0 --"
        )
        step = max(1, len(missed) // (3 * show_errors))
        for score, tag, sent in missed[::step][:show_errors]:
            print(f"  * {score:.2f} {tag}: {short(sent, 200)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear-split", choices=("dev", "train", "both"), default="dev")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    parser.add_argument("--skip-clef", action="store_true")
    args = parser.parse_args(argv)
    if not DATA.is_dir():
        print(f"quality: data directory {DATA} not found; nothing to measure.")
        return 0
    t0 = time.perf_counter()
    try:
        import subprocess

        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).resolve().parents[1],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        head = ""
    print(f"factcheck quality bench, commit {head or '?'}, data {DATA}")
    splits = ("dev", "train") if args.polnear_split == "both" else (args.polnear_split,)
    for split in splits:
        t = time.perf_counter()
        if (POLNEAR / split).is_dir():
            run_polnear(split, args.show_errors)
            print(f"  [{time.perf_counter() - t:.1f} s]")
        else:
            print(f"PolNeAR {split}: not found under {POLNEAR}")
    if not args.skip_clef:
        t = time.perf_counter()
        if CLEF.is_dir():
            run_clef(args.show_errors)
            print(f"  [{time.perf_counter() - t:.1f} s]")
        else:
            print(f"CLEF 2019: not found under {CLEF}")
    print(f"\nTotal time {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
