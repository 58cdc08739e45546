"""Turn paths into :class:`RawDocument` values, one :class:`ReadError` per bad input.

Reading never raises for a bad input: a batch of hundreds of files must go on
past a binary file, a wrong encoding or a runaway dump, and tell the user which
file it skipped and why in one line.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from crosswire.model import RawDocument, ReadError

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

Item = RawDocument | ReadError


def read_paths(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Every document under ``paths``, in a stable order.

    Folders are walked recursively, in name order, taking files whose suffix
    crosswire reads and skipping hidden entries; a file named explicitly is read
    whatever its suffix (as HTML when it looks like markup, else as text).
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path):
                yield from _read_file(file, SUFFIXES[file.suffix.lower()])
        elif path.is_file():
            yield from _read_file(path, SUFFIXES.get(path.suffix.lower()))
        elif path.exists():
            yield ReadError(str(path), "not a regular file")
        else:
            yield ReadError(str(path), "no such file or directory")


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                yield Path(root) / name


def _read_file(path: Path, kind: Literal["text", "html", "jsonl"] | None) -> Iterator[Item]:
    origin = str(path)
    try:
        size = path.stat().st_size
        if kind == "jsonl":
            if size > MAX_JSONL_BYTES:
                yield ReadError(origin, f"file too large ({_mb(size)} > {_mb(MAX_JSONL_BYTES)})")
                return
            yield from _read_jsonl(path)
            return
        if size > MAX_DOCUMENT_BYTES:
            yield ReadError(origin, f"file too large ({_mb(size)} > {_mb(MAX_DOCUMENT_BYTES)})")
            return
        data = path.read_bytes()
    except OSError as error:
        yield ReadError(origin, f"cannot read: {error.strerror or error}")
        return
    text, problem = _decode(data)
    if problem:
        yield ReadError(origin, problem)
        return
    if kind is None:
        kind = "html" if _looks_like_html(text) else "text"
    yield RawDocument(origin=origin, content=text, format="html" if kind == "html" else "text")


def _decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 text, or why not: guessing another encoding would corrupt quotes silently."""
    if not data.strip():
        return "", "empty file"
    if b"\x00" in data[:_SNIFF]:
        return "", "binary file (contains NUL bytes), not text"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        byte = data[error.start]
        return "", f"not valid UTF-8 (byte 0x{byte:02x} at offset {error.start})"


def _looks_like_html(text: str) -> bool:
    head = text[:_SNIFF].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def _read_jsonl(path: Path) -> Iterator[Item]:
    """One article per line; a bad line is an error naming ``path:line``."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            origin = f"{path}:{number}"
            if not line.strip():
                continue
            if len(line) > MAX_DOCUMENT_BYTES:
                yield ReadError(origin, f"line too large ({_mb(len(line))})")
                continue
            try:
                record = json.loads(line.decode("utf-8-sig"))
            except UnicodeDecodeError as error:
                yield ReadError(origin, f"not valid UTF-8 (offset {error.start})")
                continue
            except json.JSONDecodeError as error:
                yield ReadError(origin, f"invalid JSON ({error.msg}, column {error.colno})")
                continue
            yield _record(origin, record)


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
