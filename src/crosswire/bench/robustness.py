"""``crosswire bench robustness``: hostile input, kill -9 and store consistency.

Two parts, both through the production code:

* **Fuzzing.** Seeded generators make hostile inputs in named categories
  (random bytes, broken, nested or huge HTML, wrong encodings, NULs, gigantic
  lines, zero-width and right-to-left text, quote-only and number-only text,
  hostile JSONL, ...). Each input is written to a file and goes through
  :func:`~crosswire.read.read_paths` and :func:`~crosswire.clean.clean_document`
  in a worker process with a time cap and a memory cap. Every input must end in
  articles or one-line errors naming it: an exception is a *crash*, a broken
  promise (a multi-line error, a NUL in an article, ...) a *violation*, and a
  worker that does not answer within the cap is a *hang* (killed and restarted).
  Input ``i`` of seed ``s`` is the same on every machine, so a failure is
  replayed with :func:`make_input`.
* **kill -9 trials.** ``crosswire analyze`` runs on a folder of real articles
  and is killed with SIGKILL after a random delay; the store must then pass
  :func:`check_store` (SQLite integrity, every article whole with its
  annotations, vectors, story, postings and feature counts). Runs go on into
  the same store, so each one resumes the previous killed batch; when a run is
  not killed, every input article must be stored exactly once.
"""

from __future__ import annotations

import codecs
import contextlib
import json
import os
import random
import resource
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

#: CPU seconds one input may take through read + clean before it counts as a hang.
DOCUMENT_SECONDS = 20.0
#: A worker waited on this many times the cap in wall time (however idle) is hung too.
WALL_FACTOR = 5
#: Address space of a fuzz worker; a document needing more is a crash (MemoryError).
WORKER_MEMORY_BYTES = 3 * 1024 * 1024 * 1024
_VECTOR_BYTES = 384 * 4
#: Kill trials: share of runs left to finish, of kills timed on a store write, and the
#: span (in full runs) a random kill delay is drawn from.
COMPLETE_SHARE = 0.2
WRITE_SHARE = 0.5
KILL_SPAN = 1.2

_FALLBACK_TEXT = (
    "Ukrainian President Volodymyr Zelenskiy said on Wednesday that talks with Russia "
    'were sounding "more realistic", but more time was needed.\n\n'
    '"Efforts are still needed, patience is needed," he said in a video address. '
    "Any war ends with an agreement, he added, after 1,000 people left the city."
)


# -- hostile inputs ---------------------------------------------------------------


def _base(rng: random.Random, texts: Sequence[str]) -> str:
    return rng.choice(texts) if texts else _FALLBACK_TEXT


def _html(body: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in body.split("\n") if p.strip())
    return (
        f"<!DOCTYPE html><html><head>{head}<title>T</title></head><body><article>"
        f"{paragraphs}</article></body></html>"
    )


def _random_bytes(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    return rng.choice([".txt", ".html", ".jsonl"]), rng.randbytes(rng.randint(0, 4096))


def _random_unicode(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    ranges = [(0x20, 0x7E), (0xA0, 0x2FF), (0x0590, 0x06FF), (0x2000, 0x206F), (0x4E00, 0x4FFF)]
    ranges += [(0xFFF0, 0xFFFF), (0x1F300, 0x1F6FF), (0x0, 0x1F)]
    if rng.random() < 0.3:
        ranges.append((0xD800, 0xDFFF))  # lone surrogates: not encodable, so invalid UTF-8
    chars = []
    for _ in range(rng.randint(1, 3000)):
        low, high = rng.choice(ranges)
        chars.append(chr(rng.randint(low, high)))
    text = "".join(chars)
    return rng.choice([".txt", ".html"]), text.encode("utf-8", "surrogatepass")


def _mutated(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    data = bytearray(_base(rng, texts).encode("utf-8"))
    for _ in range(rng.randint(1, 50)):
        if not data:
            break
        at = rng.randrange(len(data))
        op = rng.random()
        if op < 0.4:
            data[at] = rng.randrange(256)
        elif op < 0.7:
            del data[at : at + rng.randint(1, 50)]
        else:
            data[at:at] = data[rng.randrange(len(data)) :][: rng.randint(1, 200)]
    return rng.choice([".txt", ".html"]), bytes(data)


def _truncated(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    text = _base(rng, texts)
    data = (_html(text) if rng.random() < 0.5 else text).encode("utf-8")
    suffix = ".html" if data.startswith(b"<!DOCTYPE") else ".txt"
    return suffix, data[: rng.randint(0, len(data))]


def _nested_html(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    depth = rng.choice([50, 200, 255, 256, 300, 1000, 5000, 20000, 60000])
    if rng.random() < 0.5:
        tags = [rng.choice(["div", "span", "p", "table", "b", "li"]) for _ in range(depth)]
    else:
        tags = [rng.choice(["div", "span", "p", "table", "b", "section", "li", "td", "a"])] * depth
    opening = "".join(f"<{t}>" for t in tags)
    closing = "".join(f"</{t}>" for t in reversed(tags)) if rng.random() < 0.5 else ""
    text = _base(rng, texts).replace("\n", " ")
    html = f"<html><body>{opening}{text}{closing}</body></html>"
    return ".html", html.encode("utf-8")


def _huge_html(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    text = _base(rng, texts)
    copies = rng.choice([10, 100, 500, 2000, 5000])
    page = _html("\n".join([text] * copies))
    if rng.random() < 0.3:  # mostly markup: a huge script and style block
        page = page.replace(
            "<title>", "<script>" + "var x=1;" * rng.randint(1, 500_000) + "</script><title>"
        )
    return ".html", page.encode("utf-8")


def _tag_soup(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    pieces = [
        "<p>",
        "</p>",
        "<div class='x'>",
        "</div>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<script>",
        "</script>",
        "<style>",
        "&#0;",
        "&#xD800;",
        "&#x110000;",
        "&bogus;",
        "&amp;",
        "&nbsp;",
        "<meta charset='nonsense'>",
        "<?xml version='1.0'?>",
        "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
        "&a;",
        "<a href='javascript:alert(1)'>",
        "<img src=x onerror=alert(1)>",
        "<svg><![CDATA[x]]></svg>",
        "<math>",
        "<table><tr><td>",
        "<br/>",
        "<",
        ">",
        '"',
        "'",
        "=",
        "\x00",
        "<title>",
        "</title>",
        "<body>",
        "<html>",
        "<base href='http://x'>",
        "<p>" + _base(rng, texts).split("\n")[0],
    ]
    parts = [rng.choice(pieces) for _ in range(rng.randint(1, 400))]
    return ".html", "".join(parts).encode("utf-8", "surrogatepass")


def _cp1252_as_utf8(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    text = "\u201cIt is \u2013 really \u2013 more realistic\u201d, caf\u00e9 \u20ac5 \u2026\n"
    text += _base(rng, texts)
    if rng.random() < 0.5:
        page = _html(text, head='<meta charset="utf-8">')
        return ".html", page.encode("cp1252", "replace")
    return ".txt", text.encode("cp1252", "replace")


def _declared_charset(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    declared = rng.choice(["iso-8859-1", "windows-1252", "shift_jis", "koi8-r", "bogus", "utf-16"])
    actual = rng.choice(["cp1252", "utf-8", "shift_jis", "latin-1", "utf-16-le"])
    text = "Caf\u00e9 \u00ab r\u00e9aliste \u00bb \u2014 " + _base(rng, texts)
    page = _html(
        text, head=f'<meta http-equiv="Content-Type" content="text/html; charset={declared}">'
    )
    return ".html", page.encode(actual, "replace")


def _mixed_encoding(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    parts = []
    for paragraph in _base(rng, texts).split("\n"):
        encoding = rng.choice(["utf-8", "cp1252", "latin-1", "utf-16-le"])
        parts.append((paragraph + " \u00e9\u2019").encode(encoding, "replace"))
    return rng.choice([".txt", ".html"]), b"\n".join(parts)


def _boms(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    boms = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
    bom = rng.choice([*boms, codecs.BOM_UTF32_BE, codecs.BOM_UTF8 * 3])
    encoding = rng.choice(["utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
    text = _base(rng, texts)
    if rng.random() < 0.3:
        text = _html(text)
    body = text.encode(encoding)
    if rng.random() < 0.3:
        body = body[: rng.randint(0, len(body))]
    return rng.choice([".txt", ".html"]), bom + body


def _nul_bytes(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    data = bytearray(_base(rng, texts).encode("utf-8"))
    if rng.random() < 0.5:
        data = bytearray(b" " * rng.choice([10, 9000, 20000])) + data  # NULs past the sniff
    for _ in range(rng.randint(1, 20)):
        data.insert(rng.randint(0, len(data)), 0)
    return rng.choice([".txt", ".html"]), bytes(data)


def _giant_line(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    size = rng.choice([10_000, 100_000, 199_999, 200_001, 800_000, 2_000_000])
    unit = rng.choice(
        ["word ", "a", "Reuters ", "By ", "\u201c", "1", "- ", "(", "\u00a0", "http://"]
    )
    line = (unit * (size // len(unit) + 1))[:size]
    if rng.random() < 0.5:
        line = _base(rng, texts) + "\n" + line
    return rng.choice([".txt", ".html"]), line.encode("utf-8")


def _zero_width(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    invisible = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063"
    if rng.random() < 0.3:
        text = "".join(rng.choice(invisible) for _ in range(rng.randint(1, 5000)))
    else:
        text = "".join(c + rng.choice(invisible) for c in _base(rng, texts))
    return rng.choice([".txt", ".html"]), text.encode("utf-8")


def _rtl(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    arabic = "قال الرئيس إن المحادثات "
    hebrew = "אמר הנשיא כי השיחות "
    marks = "\u202e\u202d\u202a\u202b\u202c\u200e\u200f\u2066\u2067\u2068\u2069"
    words = []
    for word in _base(rng, texts).split(" "):
        words.append(word if rng.random() < 0.5 else rng.choice([arabic, hebrew]))
        if rng.random() < 0.2:
            words.append(rng.choice(marks))
    return rng.choice([".txt", ".html"]), " ".join(words).encode("utf-8")


def _only_quotes(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    quotes = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u2039\u203a\u201e\u201a`\u300c\u300d"
    lines = [
        "".join(rng.choice(quotes + " ") for _ in range(rng.randint(0, 200)))
        for _ in range(rng.randint(1, 100))
    ]
    return rng.choice([".txt", ".html"]), "\n".join(lines).encode("utf-8")


def _only_numbers(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    tokens = [
        "0",
        "1",
        "3.14",
        "1,000",
        "-5",
        "1e309",
        "$800",
        "\u00a3",
        "%",
        "12:30",
        "2022-03-16",
    ]
    tokens += ["\u0663\u0664", "\u2155", "\u00b2", "IV", "NaN", "9" * 400, " ", "\n"]
    text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 3000)))
    return rng.choice([".txt", ".html"]), text.encode("utf-8")


def _controls(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    controls = [chr(c) for c in (*range(1, 32), *range(0x7F, 0xA0))]
    controls += ["\u2028", "\u2029", "\x85", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]
    text = "".join(
        c + (rng.choice(controls) if rng.random() < 0.3 else "") for c in _base(rng, texts)
    )
    return rng.choice([".txt", ".html"]), text.encode("utf-8")


def _combining(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    marks = [chr(c) for c in range(0x300, 0x36F)]
    text = "".join(
        c + "".join(rng.choice(marks) for _ in range(rng.randint(0, 30))) for c in _base(rng, texts)
    )
    return rng.choice([".txt", ".html"]), text.encode("utf-8")


def _whitespace(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    spaces = [" ", "\t", "\n", "\r", "\u00a0", "\u2003", "\u3000", "\u2028", "\u2029", "\x0c"]
    text = "".join(rng.choice(spaces) for _ in range(rng.randint(1, 20000)))
    return rng.choice([".txt", ".html"]), text.encode("utf-8")


_ODD_DATES = [
    "yesterday",
    "0000-00-00",
    "9999-99-99T99:99",
    "1e10",
    "Mon, 32 Foo 2022",
    "",
    "2022-03-16T12:00:00+25:00",
    "in 3 days",
    "٣ مارس",
    "2022" * 30,
    "-1",
    "\x00",
    "Z" * 500,
]


def _jsonl(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    def value() -> Any:
        choice = rng.randrange(12)
        if choice == 0:
            return rng.randint(-(10**30), 10**30)
        if choice == 1:
            return [value() for _ in range(rng.randint(0, 3))]
        if choice == 2:
            return {"k": value()}
        if choice == 3:
            return None
        if choice == 4:
            return rng.random() < 0.5
        if choice == 5:
            return "x" * rng.choice([0, 1, 5000, 300_000])
        return _base(rng, texts)

    lines: list[str] = []
    for _ in range(rng.randint(1, 8)):
        kind = rng.randrange(12)
        record: dict[str, Any] = {"text": _base(rng, texts)}
        for name in ("title", "url", "source", "published", "byline"):
            if rng.random() < 0.3:
                record[name] = value()
        if kind == 0:
            record["text"] = value()
        elif kind == 1:
            depth = rng.choice([10, 900, 1100, 5000, 100_000])
            lines.append('{"text": ' + "[" * depth + "1" + "]" * depth + "}")
            continue
        elif kind == 2:
            lines.append('{"text": "' + "\\ud800 \\udfff \\u0000 " * 20 + '"}')
            continue
        elif kind == 3:
            lines.append('{"text": ' + "9" * rng.choice([10, 5000]) + "}")
            continue
        elif kind == 4:
            lines.append(json.dumps(record)[: rng.randint(0, 200)])
            continue
        elif kind == 5:
            lines.append(rng.choice(["[]", "null", "1", '"text"', "NaN", "Infinity", "{}"]))
            continue
        elif kind == 6:
            record["published"] = rng.choice(_ODD_DATES)
        elif kind == 7:
            record["text"] = _html(_base(rng, texts))
        elif kind == 8:
            lines.append('{"text": "a", "text": ' + json.dumps(_base(rng, texts)) + "}")
            continue
        lines.append(json.dumps(record, ensure_ascii=rng.random() < 0.5))
    separator = rng.choice(["\n", "\r\n", "\n\n", "\r"])
    return ".jsonl", separator.join(lines).encode("utf-8", "surrogatepass")


def _metadata_html(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    title = rng.choice(["", "x" * 100_000, "\u202e" * 50, "<script>alert(1)</script>", "\n" * 50])
    date = rng.choice(["", "2022-03-16", "9" * 5000, "yesterday at noon", "\u0000", "31/31/31"])
    head = (
        f'<meta property="og:title" content="{title}">'
        f'<meta name="date" content="{date}">'
        f'<meta name="author" content="{rng.choice(["", "A " * 5000, "By Reuters"])}">'
        f'<link rel="canonical" href="{rng.choice(["", "javascript:x", "http://" + "a" * 5000])}">'
    )
    return ".html", _html(_base(rng, texts), head=head).encode("utf-8")


_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    ).replace("&lol0;", "&lol;")
    + ']><rss version="2.0"><channel><title>&lol9;</title></channel></rss>'
)


def _feed(rng: random.Random, texts: Sequence[str]) -> str:
    entries = "".join(
        f"<item><title>T{n}</title><link>https://example.com/{n}</link>"
        f"<description><![CDATA[<p>{_base(rng, texts)}</p>]]></description></item>"
        for n in range(rng.randint(0, 5))
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
    return f"{head}{entries}</channel></rss>"


def _warc(rng: random.Random, texts: Sequence[str]) -> bytes:
    body = _html(_base(rng, texts)).encode("utf-8")
    charset = rng.choice(["utf-8", "latin-1", "bogus", "rot13", "utf-16", ""])
    http = (
        f"HTTP/1.1 {rng.choice(['200 OK', '404 Not Found', '999 X', 'garbage'])}\r\n"
        f"Content-Type: text/html; charset={charset}\r\n\r\n"
    ).encode("latin-1") + body
    length = len(http) if rng.random() < 0.8 else rng.randint(0, 2 * len(http))
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/a\r\n"
        f"WARC-Record-ID: <urn:uuid:{rng.getrandbits(64):x}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n"
    ).encode("latin-1")
    return head + http + b"\r\n\r\n"


def _feeds_archives(rng: random.Random, texts: Sequence[str]) -> tuple[str, bytes]:
    """RSS/Atom, WARC (plain and gzip) and news-please JSON, broken in the usual ways."""
    import gzip

    kind = rng.randrange(10)
    if kind == 0:
        return rng.choice([".rss", ".xml", ".atom"]), _LAUGHS.encode("utf-8")
    if kind == 1:  # an external entity: a file of this machine must not leak in
        xxe = '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        return ".rss", (
            xxe + '<rss version="2.0"><channel><title>&x;</title></channel></rss>'
        ).encode()
    if kind == 2:
        feed = _feed(rng, texts).encode("utf-8")
        return rng.choice([".rss", ".xml"]), feed[: rng.randint(0, len(feed))]
    if kind == 3:
        return rng.choice([".rss", ".atom"]), _feed(rng, texts).encode("utf-8")
    if kind == 4:  # a gzip bomb: 20 kB that inflate to 20 MB (past the record cap)
        bomb = gzip.compress(_warc(rng, texts) + b"\x00" * (20 * 1024 * 1024), 9)
        return ".warc.gz", bomb
    if kind == 5:
        data = gzip.compress(b"".join(_warc(rng, texts) for _ in range(rng.randint(1, 4))))
        return ".warc.gz", data[: rng.randint(0, len(data))] if rng.random() < 0.5 else data
    if kind == 6:
        return ".warc", b"".join(_warc(rng, texts) for _ in range(rng.randint(1, 4)))
    if kind == 7:
        return rng.choice([".warc", ".warc.gz", ".rss", ".json"]), rng.randbytes(
            rng.randint(0, 2048)
        )
    record: Any = {
        "maintext": _base(rng, texts),
        "title": rng.choice(["T", 5, None, ["a"], "x" * 10_000]),
        "authors": rng.choice([["A", 3, None], "A", None, [{"a": 1}]]),
        "date_publish": rng.choice(["2022-03-16 10:00:00", 0, "yesterday", "9" * 200]),
    }
    if kind == 8:
        depth = rng.choice([100, 5000, 100_000])
        return ".json", ('{"maintext": ' + "[" * depth + "]" * depth + "}").encode()
    if rng.random() < 0.3:
        record = [record, 1, {"maintext": 5}]
    text = json.dumps(record)
    if rng.random() < 0.2:
        text = '{"maintext": ' + "9" * 5000 + "}"
    return ".json", text.encode("utf-8")


Generator = Callable[[random.Random, Sequence[str]], tuple[str, bytes]]
#: Category -> (generator, weight). Weights keep the slow, huge inputs rarer.
CATEGORIES: dict[str, tuple[Generator, int]] = {
    "random_bytes": (_random_bytes, 10),
    "random_unicode": (_random_unicode, 8),
    "mutated_article": (_mutated, 10),
    "truncated": (_truncated, 6),
    "nested_html": (_nested_html, 3),
    "huge_html": (_huge_html, 1),
    "tag_soup": (_tag_soup, 8),
    "cp1252_as_utf8": (_cp1252_as_utf8, 4),
    "declared_charset": (_declared_charset, 4),
    "mixed_encoding": (_mixed_encoding, 4),
    "bom": (_boms, 5),
    "nul_bytes": (_nul_bytes, 5),
    "giant_line": (_giant_line, 1),
    "zero_width": (_zero_width, 5),
    "rtl": (_rtl, 5),
    "only_quotes": (_only_quotes, 5),
    "only_numbers": (_only_numbers, 5),
    "control_chars": (_controls, 5),
    "combining_marks": (_combining, 3),
    "whitespace_only": (_whitespace, 3),
    "jsonl_hostile": (_jsonl, 8),
    "metadata_html": (_metadata_html, 3),
    "feeds_archives": (_feeds_archives, 6),
}
_NAMES = list(CATEGORIES)
_WEIGHTS = [CATEGORIES[n][1] for n in _NAMES]


def category_of(seed: int, index: int) -> tuple[str, random.Random]:
    """The category of input ``index`` and the generator state that makes it."""
    rng = random.Random(f"{seed}:{index}")
    return rng.choices(_NAMES, weights=_WEIGHTS)[0], rng


def make_input(seed: int, index: int, texts: Sequence[str]) -> tuple[str, str, bytes]:
    """Input ``index`` of ``seed``: (category, file suffix, bytes); the same on every run."""
    name, rng = category_of(seed, index)
    suffix, data = CATEGORIES[name][0](rng, texts)
    return name, suffix, data


# -- checking one input -------------------------------------------------------------


def check_input(path: Path) -> tuple[int, int, list[str]]:
    """Read and clean ``path``: (articles, errors, broken promises). Raises on a crash."""
    from crosswire.clean import clean_document
    from crosswire.clean.document import MAX_ARTICLE_CHARS, article_id
    from crosswire.model import Article, RawDocument, ReadError
    from crosswire.read import read_paths

    articles = errors = 0
    broken: list[str] = []

    def error_ok(error: ReadError) -> None:
        if not error.origin.startswith(str(path)):
            broken.append(f"error names {error.origin!r}, not the input")
        if not error.reason.strip() or len(error.reason.splitlines()) != 1:
            broken.append(f"error reason is not one line: {error.reason[:80]!r}")

    for item in read_paths([path]):
        if isinstance(item, ReadError):
            errors += 1
            error_ok(item)
            continue
        if not isinstance(item, RawDocument):
            broken.append(f"reader yielded {type(item).__name__}")
            continue
        cleaned = clean_document(item)
        if isinstance(cleaned, ReadError):
            errors += 1
            error_ok(cleaned)
            continue
        if not isinstance(cleaned, Article):
            broken.append(f"cleaner returned {type(cleaned).__name__}")
            continue
        articles += 1
        fields = [cleaned.text, cleaned.title, cleaned.url, cleaned.outlet, cleaned.byline]
        for value in (v for v in fields if v):
            if "\x00" in value:
                broken.append("NUL in an article field")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                broken.append("article field is not encodable as UTF-8")
        if not cleaned.text.strip():
            broken.append("article with blank text")
        if len(cleaned.text) > MAX_ARTICLE_CHARS:
            broken.append(f"article of {len(cleaned.text)} characters")
        if article_id(cleaned.text) != cleaned.id:
            broken.append("article id does not match its text")
        json.dumps([cleaned.text, cleaned.title, cleaned.byline], ensure_ascii=False)
    return articles, errors, broken


def _fuzz_worker(seed: int, folder: str, texts_file: str) -> None:
    """Serve input indexes (one per stdin line) with one JSON outcome line each on stdout."""
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (WORKER_MEMORY_BYTES, WORKER_MEMORY_BYTES))
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    texts = json.loads(Path(texts_file).read_text(encoding="utf-8"))
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # nothing a library prints may garble the answers
    for line in sys.stdin:
        index = int(line)
        name, suffix, data = make_input(seed, index, texts)
        path = Path(folder) / f"input-{index}{suffix}"
        path.write_bytes(data)
        started = time.perf_counter()
        try:
            articles, errors, broken = check_input(path)
            outcome: dict[str, Any] = {
                "category": name,
                "articles": articles,
                "errors": errors,
                "broken": broken,
            }
        except BaseException as error:  # the worker reports every crash
            outcome = {
                "category": name,
                "crash": f"{type(error).__name__}: {str(error)[:200]}",
                "traceback": traceback.format_exc(limit=8)[-2000:],
            }
        outcome["seconds"] = time.perf_counter() - started
        outcome["bytes"] = len(data)
        path.unlink(missing_ok=True)
        answers.write(json.dumps(outcome) + "\n")
        answers.flush()


@dataclass
class CategoryCount:
    inputs: int = 0
    articles: int = 0
    errors: int = 0
    crashes: int = 0
    violations: int = 0
    hangs: int = 0
    max_seconds: float = 0.0


@dataclass
class FuzzReport:
    """What the fuzzing part found, per category and in total."""

    seed: int
    inputs: int = 0
    categories: dict[str, CategoryCount] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    document_seconds: float = DOCUMENT_SECONDS

    def total(self, name: str) -> int:
        return sum(int(getattr(c, name)) for c in self.categories.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed,
            "inputs": self.inputs,
            "crashes": self.total("crashes"),
            "violations": self.total("violations"),
            "hangs": self.total("hangs"),
            "articles": self.total("articles"),
            "errors": self.total("errors"),
            "seconds": round(self.seconds, 1),
            "document_seconds_cap": self.document_seconds,
            "worker_memory_cap_mb": WORKER_MEMORY_BYTES // (1024 * 1024),
            "categories": {
                name: {**vars(c), "max_seconds": round(c.max_seconds, 3)}
                for name, c in sorted(self.categories.items())
            },
            "failures": self.failures[:50],
        }


class _Worker:
    """A fuzz worker process that can be killed and replaced when it hangs."""

    def __init__(
        self, seed: int, folder: str, texts_file: str, command: Sequence[str] = ()
    ) -> None:
        command = command or [
            *(sys.executable, "-m", "crosswire.bench.robustness", "worker"),
            *(str(seed), folder, texts_file),
        ]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )

    def ask(self, index: int, timeout: float) -> dict[str, Any] | None:
        """The outcome of input ``index``, or ``None`` if none came within ``timeout``."""
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        try:
            stdin.write(f"{index}\n")
            stdin.flush()
        except (BrokenPipeError, OSError):
            return {"crash": "worker died", "exitcode": self.process.poll()}
        began, wall = self.cpu_seconds(), time.monotonic()
        while not select.select([stdout], [], [], min(1.0, timeout))[0]:
            # CPU time, not wall time: on a shared machine a slow input is not a hang
            used = self.cpu_seconds() - began
            if used > timeout or time.monotonic() - wall > WALL_FACTOR * timeout:
                return None
        line = stdout.readline()
        if not line:
            return {"crash": "worker died", "exitcode": self.process.wait()}
        answer: dict[str, Any] = json.loads(line)
        return answer

    def cpu_seconds(self) -> float:
        """User + system CPU time of the worker so far (Linux ``/proc``; else wall time)."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return time.monotonic()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self, *, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        elif self.process.stdin:
            with contextlib.suppress(BrokenPipeError, OSError):
                self.process.stdin.close()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


def run_fuzz(
    inputs: int,
    *,
    seed: int = 0,
    texts: Sequence[str] = (),
    document_seconds: float = DOCUMENT_SECONDS,
    progress: Callable[[int, int], None] | None = None,
    on_update: Callable[[FuzzReport], None] | None = None,
) -> FuzzReport:
    """Push ``inputs`` generated inputs through read + clean in a capped worker."""
    report = FuzzReport(seed=seed, document_seconds=document_seconds)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="crosswire-fuzz-") as folder:
        texts_file = str(Path(folder) / "texts.json")
        Path(texts_file).write_text(json.dumps(list(texts)), encoding="utf-8")
        worker = _Worker(seed, folder, texts_file)
        try:
            for index in range(inputs):
                answer = worker.ask(index, document_seconds)
                name = answer["category"] if answer and "category" in answer else None
                name = name or category_of(seed, index)[0]
                count = report.categories.setdefault(name, CategoryCount())
                count.inputs += 1
                report.inputs += 1
                if answer is None or "seconds" not in answer:
                    if answer is None:
                        count.hangs += 1
                        kind = f"hang (no answer in {document_seconds:g} s)"
                    else:
                        count.crashes += 1
                        kind = f"worker died (exit code {answer.get('exitcode')})"
                    report.failures.append({"index": index, "category": name, "what": kind})
                    worker.stop(kill=True)
                    worker = _Worker(seed, folder, texts_file)
                else:
                    count.max_seconds = max(count.max_seconds, float(answer["seconds"]))
                    if "crash" in answer:
                        count.crashes += 1
                        report.failures.append(
                            {"index": index, "category": name, "what": answer["crash"]}
                            | {"traceback": answer["traceback"]}
                        )
                    else:
                        count.articles += answer["articles"]
                        count.errors += answer["errors"]
                        if answer["broken"]:
                            count.violations += 1
                            report.failures.append(
                                {"index": index, "category": name, "what": answer["broken"][:3]}
                            )
                if progress and (index % 100 == 0 or index == inputs - 1):
                    progress(index + 1, inputs)
                if on_update and index % 1000 == 999:
                    report.seconds = time.perf_counter() - started
                    on_update(report)
        finally:
            worker.stop()
    report.seconds = time.perf_counter() - started
    return report


# -- store consistency ------------------------------------------------------------------


def check_store(db: Path) -> list[str]:
    """Every way the store at ``db`` is not whole; ``[]`` when it is.

    Checks SQLite's own integrity, then that every stored article is complete
    (its annotations parse, its vectors match its sentences, its story exists)
    and that the link state agrees with the articles: no empty story, postings
    only of stored articles at their sequence numbers, and feature frequencies
    equal to what the stored articles' features add up to.
    """
    from crosswire.link.features import BUCKETS
    from crosswire.store import open_store

    problems: list[str] = []
    if not db.exists():
        return problems  # killed before the store file was created
    db_uri = f"file:{db}?mode=ro"
    try:
        raw = sqlite3.connect(db_uri, uri=True, timeout=30)
    except sqlite3.Error as error:
        return [f"cannot open: {error}"]
    try:
        integrity = [r[0] for r in raw.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return [f"integrity_check: {integrity[:5]}"]
        if raw.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found rows")
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return problems  # killed before the schema was written: an empty database
        if "articles" not in tables:
            return [*problems, f"schema incomplete: {sorted(tables)}"]
        rows = raw.execute(
            "SELECT id, story_id, seq, annotations, vector, sentence_vectors, "
            "feature_ids, feature_counts, article FROM articles"
        ).fetchall()
        stories = {r[0] for r in raw.execute("SELECT id FROM stories")}
        seqs: dict[str, int] = {}
        expected = np.zeros(BUCKETS, dtype=np.int64)
        for article_id, story, seq, annotations, vector, sentence_vectors, ids, counts, art in rows:
            seqs[article_id] = seq
            if story not in stories:
                problems.append(f"article {article_id} in missing story {story}")
            try:
                data = json.loads(annotations)
                json.loads(art)
                sentences = len(data["sentences"])
                _ = data["entities"], data["quotes"], data["claims"]
            except (ValueError, KeyError, TypeError) as error:
                problems.append(f"article {article_id}: annotations unreadable ({error})")
                continue
            if len(sentence_vectors) != sentences * _VECTOR_BYTES:
                problems.append(f"article {article_id}: {sentences} sentences, vectors don't match")
            if len(vector) != (_VECTOR_BYTES if sentences else 0):
                problems.append(f"article {article_id}: article vector missing")
            if len(ids) // 8 != len(counts) // 8:
                problems.append(f"article {article_id}: feature ids and counts differ")
            feature_ids = np.frombuffer(ids, dtype=np.int64)
            np.add.at(expected, feature_ids & (BUCKETS - 1), 1)
        if len(set(seqs.values())) != len(seqs):
            problems.append("two articles share a sequence number")
        empty = raw.execute(
            "SELECT COUNT(*) FROM stories s WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.story_id = s.id)"
        ).fetchone()[0]
        if empty:
            problems.append(f"{empty} stories without articles")
        for key, seq, article_id in raw.execute("SELECT key, seq, article_id FROM postings"):
            if seqs.get(article_id) != seq:
                problems.append(f"posting {key} of article {article_id} not matching a stored one")
                break
        stored = np.zeros(BUCKETS, dtype=np.int64)
        for bucket, n in raw.execute("SELECT bucket, n FROM frequencies"):
            stored[bucket] = n
        if not np.array_equal(stored, expected):
            wrong = int(np.count_nonzero(stored != expected))
            problems.append(f"feature frequencies disagree with the articles in {wrong} buckets")
        origins = raw.execute("SELECT COUNT(*), COUNT(DISTINCT origin) FROM articles").fetchone()
        if origins[0] != origins[1]:
            problems.append(f"{origins[0] - origins[1]} articles stored twice (same origin)")
    finally:
        raw.close()
    try:  # and the product itself must open it and read every story back
        with open_store(db) as store:
            for story, _ in store.stories():
                store.articles_of(story)
    except Exception as error:
        problems.append(f"crosswire cannot read it back: {type(error).__name__}: {error}")
    return problems


def stored_origins(db: Path) -> list[str]:
    """Origins of every stored article (one entry per stored row)."""
    if not db.exists():
        return []
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "articles" not in tables:
            return []
        return [r[0] for r in raw.execute("SELECT origin FROM articles")]
    finally:
        raw.close()


# -- kill -9 trials -------------------------------------------------------------------


def write_kill_corpus(folder: Path, examples: Path | None, ecb: Path | None, n: int) -> int:
    """Real articles as .txt files: the seeds in ``examples`` and ``n`` ECB+ documents."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    if examples and examples.is_dir():
        for path in sorted(examples.glob("*.txt")):
            shutil.copy(path, folder / path.name)
            written += 1
    if ecb and ecb.is_file():
        with ecb.open(encoding="utf-8") as handle:
            for line in handle:
                if written >= n + 2:
                    break
                record = json.loads(line)
                name = "".join(c if c.isalnum() or c in "_-" else "_" for c in str(record["id"]))
                (folder / f"ecb_{name}.txt").write_text(record["text"], encoding="utf-8")
                written += 1
    return written


def _analyze_command(folder: Path, db: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from crosswire.cli import run; run()",
        "analyze",
        str(folder),
        "--db",
        str(db),
        "--out",
        str(out),
        "--format",
        "json",
    ]


@dataclass
class KillReport:
    """What the kill -9 part found."""

    trials: int = 0
    killed: int = 0
    killed_on_write: int = 0
    finished_before_kill: int = 0
    corrupt: int = 0
    partial_or_inconsistent: int = 0
    completed_runs: int = 0
    incomplete_after_rerun: int = 0
    duplicates: int = 0
    run_errors: int = 0
    full_run_seconds: float = 0.0
    articles: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in vars(self).items()}


def _run(
    command: list[str], env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)


def run_kill_trials(
    corpus: Path,
    trials: int,
    *,
    seed: int = 0,
    work: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_update: Callable[[KillReport], None] | None = None,
) -> KillReport:
    """SIGKILL ``crosswire analyze`` on ``corpus`` at random points ``trials`` times.

    A first uninterrupted run gives the expected articles and the length of a
    full run. Each trial starts the same command on the store the last trial
    left. Half the kills come within 50 ms of a write to the store's WAL (inside
    a batch's transaction, or its checkpoint), half after a random delay over
    the run; one run in five is left to finish, and must then hold every
    expected article exactly once (the store then starts empty again). After
    every trial the store must pass :func:`check_store`.
    """
    rng = random.Random(seed)
    report = KillReport()
    started = time.perf_counter()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    own = work is None
    root = Path(tempfile.mkdtemp(prefix="crosswire-kill-")) if work is None else work
    root.mkdir(parents=True, exist_ok=True)
    try:
        reference, out = root / "reference.db", root / "report"
        reference.unlink(missing_ok=True)
        begin = time.perf_counter()
        done = _run(_analyze_command(corpus, reference, out), env, 1800)
        report.full_run_seconds = time.perf_counter() - begin
        if done.returncode != 0:
            report.run_errors += 1
            report.problems.append(f"reference run failed: {done.stderr[-500:]}")
            return report
        expected = Counter(stored_origins(reference))
        report.articles = len(expected)
        db = root / "trial.db"
        _fresh(db)
        while report.killed < trials:
            report.trials += 1
            fresh = not stored_origins(db)
            # one run in five goes to its end: it must complete the store, and (from an
            # empty store) re-measures a full run, which the machine's load stretches
            complete = rng.random() < COMPLETE_SHARE
            on_write = not complete and rng.random() < WRITE_SHARE
            began = time.perf_counter()
            with (root / "stderr.txt").open("w+", encoding="utf-8") as errors:
                process = subprocess.Popen(
                    _analyze_command(corpus, db, out),
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=errors,
                    text=True,
                )
                if complete:
                    process.wait(timeout=1800)
                elif on_write:
                    report.killed_on_write += _kill_on_write(process, db, rng)
                else:
                    _kill_after(process, rng.uniform(0.0, KILL_SPAN * report.full_run_seconds))
                finished = process.returncode != -signal.SIGKILL
                errors.seek(0)
                stderr = errors.read()
            if finished:
                report.finished_before_kill += 0 if complete else 1
                if fresh:
                    report.full_run_seconds = time.perf_counter() - began
                if process.returncode != 0 or "Traceback" in stderr or "locked" in stderr:
                    report.run_errors += 1
                    report.problems.append(f"trial {report.trials}: run failed: {stderr[-300:]}")
            else:
                report.killed += 1
            problems = check_store(db)
            if problems:
                if any(p.startswith(("integrity", "cannot open", "schema")) for p in problems):
                    report.corrupt += 1
                else:
                    report.partial_or_inconsistent += 1
                report.problems.extend(f"trial {report.trials}: {p}" for p in problems[:3])
            if finished:
                report.completed_runs += 1
                got = Counter(stored_origins(db))
                if set(got) != set(expected):
                    report.incomplete_after_rerun += 1
                    missing = sorted(set(expected) - set(got))[:3]
                    report.problems.append(
                        f"trial {report.trials}: after re-run, missing {missing}"
                    )
                if any(n > 1 for n in got.values()):
                    report.duplicates += 1
                _fresh(db)
            if progress:
                progress(report.killed, trials)
            if on_update:
                report.seconds = time.perf_counter() - started
                on_update(report)
        # the last killed store must complete on a re-run as well
        final = _run(_analyze_command(corpus, db, out), env, 1800)
        report.completed_runs += 1
        got = Counter(stored_origins(db))
        if final.returncode != 0 or set(got) != set(expected):
            report.incomplete_after_rerun += 1
        if any(n > 1 for n in got.values()):
            report.duplicates += 1
    finally:
        report.seconds = time.perf_counter() - started
        if own:
            shutil.rmtree(root, ignore_errors=True)
    return report


def _kill_after(process: subprocess.Popen[str], delay: float) -> None:
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()


def _wal_state(db: Path) -> tuple[int, int]:
    try:
        info = Path(f"{db}-wal").stat()
    except OSError:
        return (0, 0)
    return (info.st_size, info.st_mtime_ns)


def _kill_on_write(process: subprocess.Popen[str], db: Path, rng: random.Random) -> int:
    """SIGKILL within 0-50 ms of the store's write-ahead log changing: mid-transaction.

    Skips 0-2 earlier writes (the schema, the first batch), so kills land on
    every batch's transaction. 1 if it fired on a write, else 0 (the run ended).
    """
    skip = rng.randint(0, 2)
    seen = _wal_state(db)
    while process.poll() is None:
        state = _wal_state(db)
        if state != seen:
            seen = state
            if skip == 0:
                time.sleep(rng.uniform(0.0, 0.05))
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    process.wait()
                    return 1
                return 0
            skip -= 1
        time.sleep(0.002)
    return 0


def _fresh(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    _fuzz_worker(int(sys.argv[2]), sys.argv[3], sys.argv[4])
