"""What news-aware ingestion does to a corpus, without embedding anything (seconds, not minutes):

    python -m bench.news corpus/ ../shared/external/rtqa-2022/articles.jsonl [--show 40]

For each corpus: how many articles have a date and an outlet; how many lines each debris pattern
drops from the raw texts; which lines the corpus's own repetition marks as page furniture (and the
most repeated lines it keeps, to check by eye for debris left in); the near-duplicate groups and
the closest pairs on either side of the threshold. The figures go in bench/RESULTS.md."""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

from rag import dedup, furniture
from rag.corpus import DEBRIS_PATTERNS, list_files, load_corpus
from rag.ingest import is_dump
from rag.ingest.fields import pick


def raw_texts(corpus: Path) -> list[str]:
    """The texts before any cleaning: files as they are, dump rows' text fields."""
    out = []
    for path in list_files(corpus):
        if not is_dump(path):
            out.append(path.read_text(encoding="utf-8", errors="replace"))
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out.append(str(pick(json.loads(line), "text", {}) or ""))
    return out


def pattern_hits(texts: list[str]) -> list[tuple[str, int, Counter]]:
    hits = []
    for pattern in DEBRIS_PATTERNS:
        rx = re.compile(pattern, re.IGNORECASE)
        lines = Counter(ln for t in texts for ln in (re.sub(r"\s+", " ", x).strip() for x in t.splitlines())
                        if ln and rx.fullmatch(ln))
        hits.append((pattern, sum(lines.values()), lines))
    return hits


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="+", type=Path)
    ap.add_argument("--show", type=int, default=25, help="lines and pairs to list")
    args = ap.parse_args(argv)
    for corpus in args.corpora:
        report(corpus, args.show)


def report(corpus: Path, show: int) -> None:
    arts, skipped = load_corpus(corpus)
    print(f"\n## {corpus}: {len(arts)} articles, {len(skipped)} skipped")
    print(f"dated: {sum(bool(a.date) for a in arts)}; with an outlet: {sum(bool(a.outlet) for a in arts)}; "
          f"outlets: {dict(Counter(a.outlet or '-' for a in arts).most_common())}")
    print("\n### debris patterns: lines dropped from the raw texts")
    for pattern, n, lines in pattern_hits(raw_texts(corpus)):
        print(f"{n:5d}  {pattern[:70]}  e.g. {[ln[:60] for ln, _ in lines.most_common(2)]}")

    groups = dedup.group_articles([(a.source, a.sha256, a.text) for a in arts], [])
    table = furniture.learn([(a.outlet or "", groups[a.source][0], furniture.line_keys(a.text)) for a in arts])
    texts = defaultdict(Counter)  # outlet -> line -> articles
    for a in arts:
        for ln in {ln.strip() for ln in a.text.splitlines() if ln.strip() and len(ln) <= furniture.MAX_LINE_CHARS}:
            texts[a.outlet or ""][ln] += 1
    dropped = [(n, o, ln) for o, c in texts.items() for ln, n in c.items() if furniture.line_key(ln) in table.get(o, set())]
    print(f"\n### furniture: {len(dropped)} distinct lines, {sum(n for n, _, _ in dropped)} line instances dropped")
    for n, o, ln in sorted(dropped, reverse=True)[:show]:
        print(f"{n:5d}  {o or '-'}  {ln[:100]!r}")
    kept = sorted(((n, o, ln) for o, c in texts.items() for ln, n in c.items()
                   if n >= 3 and furniture.line_key(ln) not in table.get(o, set())), reverse=True)
    print(f"\nkept though repeated in 3+ articles of an outlet: {len(kept)} distinct lines")
    for n, o, ln in kept[:show]:
        print(f"{n:5d}  {o or '-'}  {ln[:100]!r}")

    members = defaultdict(list)
    for a in arts:
        members[groups[a.source][0]].append(a)
    multi = [g for g in members.values() if len(g) > 1]
    print(f"\n### near-duplicates (threshold {dedup.THRESHOLD}): {len(members)} groups; "
          f"{len(multi)} hold more than one article ({sum(map(len, multi))} articles)")
    for g in multi:
        print("  - " + " | ".join(f"{a.outlet} {a.date} {a.title[:45]!r}" for a in g))
    near_pairs(arts, show)


def near_pairs(arts, show: int) -> None:
    """The closest pairs LSH finds at a lower threshold, with their estimated Jaccard."""
    from datasketch import MinHashLSH

    sigs = {a.source: dedup.signature(a.text) for a in arts}
    lsh = MinHashLSH(threshold=0.2, num_perm=dedup.NUM_PERM)
    for s, m in sigs.items():
        lsh.insert(s, m)
    by = {a.source: a for a in arts}
    pairs = {tuple(sorted((s, o))) for s, m in sigs.items() for o in lsh.query(m) if o != s}
    scored = sorted(((sigs[a].jaccard(sigs[b]), a, b) for a, b in pairs), reverse=True)
    print(f"closest pairs (estimated Jaccard of word 5-shingles), {len(scored)} above ~0.2:")
    for j, a, b in scored[:show]:
        print(f"  {j:.2f}  {by[a].title[:45]!r} ({by[a].date}) ~ {by[b].title[:45]!r} ({by[b].date})")


if __name__ == "__main__":
    main()
