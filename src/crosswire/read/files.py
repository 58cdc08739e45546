"""Turn paths into :class:`RawDocument` values, one :class:`ReadError` per bad input.

Reading never raises for a bad input: a batch of hundreds of files must go on
past a binary file, a wrong encoding or a runaway dump, and tell the user which
file it skipped and why in one line.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, Literal

from crosswire.model import RawDocument, ReadError
from crosswire.read.archives import archive_kind, read_archive

#: Largest single article (a .txt/.html file or one JSONL line) we accept.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
#: Largest JSONL file; it is streamed line by line, so this only bounds a run.
MAX_JSONL_BYTES = 4 * 1024 * 1024 * 1024
SUFFIXES: dict[str, Literal["text", "html", "jsonl"]] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}
_SNIFF = 8192
_JSONL_FIELDS = ("text", "title", "url", "source", "published", "byline")
#: Byte-order marks, longest first (a UTF-32-LE mark starts like a UTF-16-LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: ``<meta charset=...>`` or ``content="text/html; charset=..."`` near the top of a page.
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I
)

Item = RawDocument | ReadError


def read_paths(paths: Iterable[str | Path], left_out: Counter[str] | None = None) -> Iterator[Item]:
    """Every document under ``paths``, in a stable order.

    Folders are walked recursively, in name order, taking files whose suffix
    crosswire reads and skipping hidden entries; a file named explicitly is read
    whatever its suffix (as HTML when it looks like markup, else as text).
    ``left_out`` counts, by suffix, the files the walks leave out for their type.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in walk(path, left_out):
                yield from _read_any(file)
        elif path.is_file():
            yield from _read_any(path)
        elif path.exists():
            yield ReadError(str(path), "not a regular file")
        else:
            yield ReadError(str(path), "no such file or directory")


def walk(folder: Path, left_out: Counter[str] | None = None) -> Iterator[Path]:
    """Files of ``folder`` crosswire reads, recursively in name order, hidden ones skipped.

    ``left_out`` counts the others by suffix (``.pdf``, ``.bin``, ``(none)``), so a summary
    can say so: a folder of PDFs is not an empty folder. Hidden files are not counted."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if readable(name):
                yield Path(root) / name
            elif left_out is not None:
                left_out[Path(name).suffix.lower() or "(none)"] += 1


def readable(name: str) -> bool:
    """Whether a folder walk takes this file: a suffix crosswire reads."""
    return Path(name).suffix.lower() in SUFFIXES or archive_kind(name) is not None


def _read_any(path: Path) -> Iterator[Item]:
    """A feed, web archive or news-please file by its name; else a text, HTML or JSONL file."""
    kind = archive_kind(path.name)
    if kind is not None:
        try:
            regular = stat.S_ISREG(path.stat().st_mode)
        except OSError as error:
            yield ReadError(str(path), f"cannot read: {error.strerror or error}")
            return
        if not regular:  # a FIFO or a device named feed.rss would block or never end
            yield ReadError(str(path), "not a regular file")
            return
        yield from read_archive(path, kind)
    else:
        yield from _read_file(path, SUFFIXES.get(path.suffix.lower()))


def _read_file(path: Path, kind: Literal["text", "html", "jsonl"] | None) -> Iterator[Item]:
    origin = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # a FIFO, a device or a symlink to /dev/zero would block or never end
            yield ReadError(origin, "not a regular file")
            return
        size = info.st_size
        if kind == "jsonl":
            if size > MAX_JSONL_BYTES:
                yield ReadError(origin, f"file too large ({_mb(size)} > {_mb(MAX_JSONL_BYTES)})")
                return
            yield from _read_jsonl(path)
            return
        if size > MAX_DOCUMENT_BYTES:
            yield ReadError(origin, f"file too large ({_mb(size)} > {_mb(MAX_DOCUMENT_BYTES)})")
            return
        with path.open("rb") as handle:  # bounded: the file may grow after stat()
            data = handle.read(MAX_DOCUMENT_BYTES + 1)
        if len(data) > MAX_DOCUMENT_BYTES:
            yield ReadError(origin, f"file too large (> {_mb(MAX_DOCUMENT_BYTES)})")
            return
    except OSError as error:
        yield ReadError(origin, f"cannot read: {error.strerror or error}")
        return
    text, problem = _decode(data, html=kind != "text")
    encoding = "utf-8"
    if problem:
        legacy = _legacy(data) if problem.startswith(_NOT_UTF8) else None
        if legacy is None:
            yield ReadError(origin, problem)
            return
        text, encoding = legacy
    if kind is None:
        kind = "html" if _looks_like_html(text) else "text"
    yield RawDocument(
        origin=origin,
        content=text,
        format="html" if kind == "html" else "text",
        encoding=encoding,
        file_name=path.name,  # one file, one article: its name may carry the date
    )


_ASCII_END = 127
#: Last code point of the Latin letters (Latin Extended-B); a text mostly beyond it is in
#: another script (Cyrillic, Greek), whose legacy encoding charset-normalizer names well.
_LATIN_END = 0x24F
_OTHER_SCRIPT_SHARE = 0.3
#: How :func:`_decode` opens the one problem a legacy encoding may explain.
_NOT_UTF8 = "not valid UTF-8"


def _legacy(data: bytes) -> tuple[str, str] | None:
    """The text of a file in a legacy encoding, and that encoding, when charset-normalizer
    finds one: "Zelenskiy said \x93more realistic\x94" is Windows-1252 (an old archive),
    not damage. A Latin text is read as Windows-1252 whichever of its kin the detector
    names (for two curly quotes it may say Baltic cp775, which would make them "ō");
    another script keeps the detector's encoding (KOI8-R Russian). Damaged UTF-8 and
    binary data find none and stay refused."""
    from charset_normalizer import from_bytes

    partly = data.decode("utf-8", errors="replace")
    if any(ord(c) > _ASCII_END and c != "\ufffd" for c in partly):
        return None  # UTF-8 with damage ("caf\xc3\xa9 ... \xff"): decoding it whole as
        # Windows-1252 would turn every "é" into "Ã©" without a word
    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return None
    guessed = str(best)
    letters = [c for c in guessed if c.isalpha()]
    other_script = sum(ord(c) > _LATIN_END for c in letters)
    if other_script <= _OTHER_SCRIPT_SHARE * len(letters):
        try:  # a Latin text: its bytes are Windows-1252's, whichever of its kin was named
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            pass
    return guessed, best.encoding


def _decode(data: bytes, *, html: bool = False) -> tuple[str, str | None]:
    """UTF-8 text, or why not.

    What is not guessed: a byte-order mark (UTF-8, UTF-16, UTF-32) says the
    encoding, and so does an HTML page's own ``<meta charset>`` when the bytes
    are not UTF-8. Other bytes that are not UTF-8 go to :func:`_legacy`, which
    names the encoding it decoded, so the reader is told.
    """
    if not data.strip():
        return "", "empty file"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as error:
                return (
                    "",
                    f"not valid {encoding.upper()} after its byte-order mark ({error.reason})",
                )
    if b"\x00" in data[:_SNIFF]:
        return "", "binary file (contains NUL bytes), not text"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        byte = data[error.start]
        problem = f"{_NOT_UTF8} (byte 0x{byte:02x} at offset {error.start})"
    declared = _declared_charset(data) if html else None
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), None
        except UnicodeDecodeError:
            return "", f"{problem}, nor the {declared} its <meta charset> declares"
    return "", problem


def _declared_charset(data: bytes) -> str | None:
    """The codec an HTML page declares in its first bytes, if Python knows it."""
    match = _META_CHARSET.search(data[:_SNIFF])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def _looks_like_html(text: str) -> bool:
    head = text[:_SNIFF].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _read_jsonl(path: Path) -> Iterator[Item]:
    """One article per line; a bad line is an error naming ``path:line``.

    Lines are read with a bound, so a file with no newline at all costs at
    most one article's worth of memory, not the whole file.
    """
    with path.open("rb") as handle:
        number = 0
        while True:
            line = handle.readline(MAX_DOCUMENT_BYTES + 1)
            if not line:
                return
            number += 1
            origin = f"{path}:{number}"
            if len(line) > MAX_DOCUMENT_BYTES and not line.endswith(b"\n"):
                skipped = len(line) + _skip_line(handle)
                yield ReadError(
                    origin, f"line too large ({_mb(skipped)} > {_mb(MAX_DOCUMENT_BYTES)})"
                )
                continue
            if not line.strip():
                continue
            yield _parse_line(origin, line)


def _skip_line(handle: BinaryIO) -> int:
    """Read past the rest of an over-long line; how many bytes that was."""
    skipped = 0
    while True:
        chunk = handle.readline(1024 * 1024)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _parse_line(origin: str, line: bytes) -> Item:
    try:
        record = json.loads(line.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        return ReadError(origin, f"not valid UTF-8 (offset {error.start})")
    except json.JSONDecodeError as error:
        return ReadError(origin, f"invalid JSON ({error.msg}, column {error.colno})")
    except RecursionError:
        return ReadError(origin, "invalid JSON (nested too deeply)")
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        return ReadError(origin, f"invalid JSON ({_first_line(str(error))})")
    return _record(origin, record)


def _first_line(message: str, limit: int = 200) -> str:
    line = message.strip().splitlines()[0] if message.strip() else "no detail"
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _record(origin: str, record: Any) -> Item:
    if not isinstance(record, dict):
        return ReadError(origin, "expected a JSON object")
    fields: dict[str, str | None] = {}
    for name in _JSONL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return ReadError(origin, f"field {name!r} must be a string")
        fields[name] = value
    text = fields["text"]
    if not text or not text.strip():
        return ReadError(origin, "no 'text' field")
    url = fields["url"]
    looks_html = _looks_like_html(text)
    return RawDocument(
        origin=origin,
        content=text,
        format="html" if looks_html else "text",
        title=fields["title"],
        url=url,
        outlet=fields["source"],
        published=fields["published"],
        byline=fields["byline"],
    )


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
