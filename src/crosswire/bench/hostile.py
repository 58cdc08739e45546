"""Hostile inputs for ``crosswire bench robustness``: seeded generators in named
categories (random bytes, broken, nested or huge HTML, wrong encodings, NULs, gigantic
lines, zero-width and right-to-left text, quote-only and number-only text, hostile
JSONL, feeds and archives). Input ``i`` of seed ``s`` is the same on every machine, so
a failure is replayed with :func:`make_input`.
"""

from __future__ import annotations

import codecs
import json
import random
from collections.abc import Callable, Sequence
from typing import Any

_FALLBACK_TEXT = (
    "Ukrainian President Volodymyr Zelenskiy said on Wednesday that talks with Russia "
    'were sounding "more realistic", but more time was needed.\n\n'
    '"Efforts are still needed, patience is needed," he said in a video address. '
    "Any war ends with an agreement, he added, after 1,000 people left the city."
)


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


BILLION_LAUGHS = (
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
        return rng.choice([".rss", ".xml", ".atom"]), BILLION_LAUGHS.encode("utf-8")
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
