"""The reader's check of who said what: dump crosswire's attributions, draw a sample, score labels.

    python bench/quotes/audit/audit.py dump ../shared/data/polnear/dev/text OUT.jsonl
    python bench/quotes/audit/audit.py sample OUT.jsonl 100 --seed 0 > sample.jsonl
    python bench/quotes/audit/audit.py score sample.jsonl labels.jsonl [OUT.jsonl] [--before]

``dump`` runs ``crosswire analyze`` (a fresh store, the folder as one stream) and
writes one JSON line per attribution of the report: article file name, content
span, kind, cue, source as written, canonical speaker, role, and the content as
the report shows it (a mixed quote as its clause). ``score`` counts the
labels (rules: README.md beside this file); given a new dump, it scores only the
items whose speaker, role and content are unchanged and lists the others, to read
again.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FIELDS = ("speaker", "role", "content")


def dump(folder: Path, out: Path) -> int:
    from crosswire.report import quote_wording
    from crosswire.run import ingest, story_reports
    from crosswire.store import open_store

    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "s.db") as store:
        ingest([folder], store)
        reports = story_reports(store)
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for report in reports:
            articles = {a.id: a for a in report.articles}
            for q in report.quotes:
                a = articles[q.article_id]
                span = q.source_span
                row = {
                    "doc": Path(a.origin).name,
                    "start": q.content_span.start,
                    "end": q.content_span.end,
                    "kind": q.kind,
                    "cue": q.cue,
                    "source": a.text[span.start : span.end] if span else None,
                    "speaker": q.speaker.canonical if q.speaker else None,
                    "role": q.speaker.role if q.speaker else None,
                    # a mixed quote as the report shows it: its clause, not the marked words
                    "content": (
                        quote_wording(q, a.text, report.quotes) if q.kind == "mixed" else q.content
                    ),
                }
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    return n


def _rows(path: Path) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip() and not line.startswith("#")]


def _key(row: dict[str, Any]) -> tuple[str, int, int]:
    return (row["doc"], row["start"], row["end"])


def sample(
    dumped: Path, size: int, seed: int, *, exclude: Sequence[Path] = (), first: int = 1
) -> list[dict[str, Any]]:
    """``size`` attributions drawn at random, none of those in the ``exclude`` samples
    (a fresh sample never re-reads an item a fix was made from), numbered from
    ``first`` (8001 for sample 9)."""
    drawn = {_key(row) for path in exclude for row in _rows(path)}
    rows = sorted((r for r in _rows(dumped) if _key(r) not in drawn), key=_key)
    chosen = random.Random(seed).sample(rows, min(size, len(rows)))
    return [{"item": n, **row} for n, row in enumerate(sorted(chosen, key=_key), start=first)]


def score(
    sampled: Path, labels: Path, dumped: Path | None = None, *, before: bool = False
) -> dict[str, Any]:
    """Shares of the labelled items; ``before`` scores the labels of the earlier code."""
    items = {row["item"]: row for row in _rows(sampled)}
    now = {_key(row): row for row in _rows(dumped)} if dumped else None
    counts: Counter[str] = Counter()
    changed: list[str] = []
    for row in _rows(labels):
        item = items[row["item"]]
        label = row.get("before") if before else row
        if label is None:
            counts["not found"] += 1
            continue
        if not before and row.get("reported") is False:
            # the report no longer shows it: it left the sample (README.md, "Items no
            # longer reported"); shown again, it is read again
            if now is not None and _key(item) in now:
                changed.append(f"{item['item']}: {item['doc']} {item['start']}-{item['end']}")
            else:
                counts["no longer reported"] += 1
            continue
        if now is not None:
            current = now.get(_key(item))
            if current is None or any(current[f] != item[f] for f in FIELDS):
                changed.append(f"{item['item']}: {item['doc']} {item['start']}-{item['end']}")
                continue
        counts["judged"] += 1
        attribution = bool(label["attribution"])
        speaker_right = attribution and label["speaker"] in ("right", "empty_ok")
        content_right = attribution and label["content"] == "right"
        counts["speaker right"] += speaker_right
        counts["content right"] += content_right
        counts["fully correct"] += speaker_right and content_right
        counts["not an attribution"] += not attribution
        counts[f"speaker={label['speaker']}"] += 1  # the label's own tally
        counts[f"content={label['content']}"] += 1
        if item.get("before_role" if before else "role"):
            counts["roles given"] += 1
            counts["roles right"] += label.get("role") == "right"
    judged = counts["judged"] or 1
    given = counts["roles given"] or 1
    return {
        "judged": counts["judged"],
        "fully_correct": round(counts["fully correct"] / judged, 3),
        "speaker_right": round(counts["speaker right"] / judged, 3),
        "content_right": round(counts["content right"] / judged, 3),
        "roles_right": round(counts["roles right"] / given, 3),
        "roles_given": counts["roles given"],
        "counts": dict(sorted(counts.items())),
        "changed_to_read_again": changed,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("folder", type=Path)
    d.add_argument("out", type=Path)
    s = sub.add_parser("sample")
    s.add_argument("dumped", type=Path)
    s.add_argument("size", type=int)
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--exclude", type=Path, nargs="*", default=[], help="Earlier samples.")
    s.add_argument("--first", type=int, default=1, help="The first item's number.")
    c = sub.add_parser("score")
    c.add_argument("sampled", type=Path)
    c.add_argument("labels", type=Path)
    c.add_argument("dumped", type=Path, nargs="?")
    c.add_argument("--before", action="store_true", help="Score the earlier code's labels.")
    args = parser.parse_args()
    if args.command == "dump":
        print(f"{dump(args.folder, args.out)} attributions -> {args.out}")
    elif args.command == "sample":
        drawn = sample(args.dumped, args.size, args.seed, exclude=args.exclude, first=args.first)
        for row in drawn:
            print(json.dumps(row, ensure_ascii=False))
    else:
        result = score(args.sampled, args.labels, args.dumped, before=args.before)
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
