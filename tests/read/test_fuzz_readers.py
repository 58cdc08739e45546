"""Hostile input through the readers and the cleaner: an article or a one-line error, always.

A sample of the robustness bench's generated inputs (every category), hypothesis
properties over arbitrary bytes, text and JSON, and regressions for what fuzzing
found: lone surrogates, NUL bytes, roots other than <html>, FIFOs and endless
files, deep JSON nesting and numbers too long for Python.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosswire.bench.fuzz import check_input, run_fuzz
from crosswire.bench.hostile import BILLION_LAUGHS, CATEGORIES, make_input
from crosswire.clean import clean_document
from crosswire.clean.document import MAX_ARTICLE_CHARS, article_id
from crosswire.model import Article, RawDocument, ReadError
from crosswire.read import files, read_paths

PARAGRAPH = (
    "Ukrainian President Volodymyr Zelenskiy said on Wednesday that talks with Russia were "
    "sounding more realistic, but more time was needed for any deal to be agreed."
)
_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _assert_promise(item: Article | ReadError, origin: str) -> None:
    """What every input must end in: an article fit to store, or a one-line error naming it."""
    if isinstance(item, ReadError):
        assert item.origin.startswith(origin)
        assert item.reason.strip() and len(item.reason.splitlines()) == 1, item.reason
        return
    assert isinstance(item, Article)
    assert item.text.strip() and len(item.text) <= MAX_ARTICLE_CHARS
    assert item.id == article_id(item.text)
    for value in (item.text, item.title, item.url, item.outlet, item.byline):
        if value:
            assert "\x00" not in value
            value.encode("utf-8")  # no lone surrogates


def test_generated_hostile_inputs_never_crash_or_hang(seeds_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    report = run_fuzz(1200, seed=20261125, texts=texts, document_seconds=20)
    summary = report.to_dict()
    assert summary["inputs"] == 1200
    assert (summary["crashes"], summary["violations"], summary["hangs"]) == (0, 0, 0), summary[
        "failures"
    ]
    assert len(summary["categories"]) >= len(CATEGORIES) - 2  # rare categories may be absent
    assert summary["articles"] > 100 and summary["errors"] > 500


def test_generated_inputs_are_reproducible() -> None:
    first = [make_input(3, i, [PARAGRAPH]) for i in range(40)]
    again = [make_input(3, i, [PARAGRAPH]) for i in range(40)]
    assert first == again
    assert len({name for name, _, _ in first}) > 10


@_SETTINGS
@given(
    data=st.binary(max_size=4096),
    suffix=st.sampled_from([".txt", ".html", ".jsonl", ".htm", ".dat"]),
)
def test_any_bytes_in_a_file_end_in_articles_or_errors(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    articles, errors, broken = check_input(path)
    assert broken == []
    assert articles + errors >= 1 or suffix == ".jsonl"  # blank JSONL lines are no input


@_SETTINGS
@given(text=st.text(max_size=3000), html=st.booleans())
def test_any_text_cleans_to_an_article_or_an_error(text: str, html: bool) -> None:
    content = f"<html><body><p>{text}</p></body></html>" if html else text
    raw = RawDocument("doc", content, "html" if html else "text")
    _assert_promise(clean_document(raw), "doc")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@_SETTINGS
@given(
    record=st.dictionaries(
        st.sampled_from(["text", "title", "url", "source", "published", "byline", "x"]), _JSON
    )
    | _JSON
)
def test_any_json_line_is_an_article_or_an_error(tmp_path: Path, record: object) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(record) + "\n", encoding="utf-8")
    items = list(read_paths([feed]))
    assert items, "a line read as nothing: neither an article nor an error"
    for item in items:
        result = clean_document(item) if isinstance(item, RawDocument) else item
        _assert_promise(result, str(feed))


def test_lone_surrogates_and_nuls_in_json_become_safe_text(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    line = {"text": PARAGRAPH + " \ud800 end\u0000.", "title": "A \udfff title"}
    feed.write_text(json.dumps(line) + "\n", encoding="utf-8")
    (item,) = read_paths([feed])
    assert isinstance(item, RawDocument)
    article = clean_document(item)
    assert isinstance(article, Article)
    assert "\ufffd end." in article.text and "\x00" not in article.text
    assert article.title == "A \ufffd title"


def test_json_nesting_and_huge_numbers_are_one_line_errors(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lines = ['{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", '{"text": ' + "9" * 5000 + "}"]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors = [e for e in read_paths([feed]) if isinstance(e, ReadError)]
    assert [e.origin for e in errors] == [f"{feed}:1", f"{feed}:2"]
    assert errors[0].reason == "invalid JSON (nested too deeply)"
    assert errors[1].reason.startswith("invalid JSON (Exceeds the limit")


def test_a_jsonl_line_without_end_costs_one_article_of_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_DOCUMENT_BYTES", 1000)
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"text": PARAGRAPH})
    feed.write_text(good + "\n" + '{"text": "' + "x" * 5000 + '"}\n' + good, encoding="utf-8")
    items = list(read_paths([feed]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "ReadError", "RawDocument"]
    assert isinstance(items[1], ReadError) and items[1].reason.startswith("line too large")
    assert items[2].origin == f"{feed}:3"


def test_fifos_and_devices_are_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    started = time.monotonic()
    items = list(read_paths([tmp_path]))
    assert time.monotonic() - started < 5
    reasons = {Path(e.origin).name: e.reason for e in items if isinstance(e, ReadError)}
    assert reasons == {"pipe.txt": "not a regular file", "zero.txt": "not a regular file"}


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_a_byte_order_mark_names_the_encoding(tmp_path: Path, bom: bytes, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bom + ("“Quote” – " + PARAGRAPH).encode(encoding))
    (item,) = read_paths([path])
    assert isinstance(item, RawDocument) and item.content.startswith("“Quote” – Ukrainian")


def test_html_declaring_its_charset_is_decoded_by_it(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"></head><body>'
        f"<p>“Caf\u00e9 talks” \u2013 {PARAGRAPH}</p><p>{PARAGRAPH}</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))
    (item,) = read_paths([path])
    assert isinstance(item, RawDocument) and "“Café talks” –" in item.content


def test_windows_1252_text_is_read_and_says_its_encoding(tmp_path: Path) -> None:
    # issue 18: every Windows-1252 file of an old archive was refused ("save it as UTF-8")
    path = tmp_path / "a.txt"
    path.write_bytes(f"“{PARAGRAPH}”".encode("cp1252"))
    (item,) = read_paths([path])
    assert isinstance(item, RawDocument) and item.encoding == "cp1252"
    assert item.content == f"“{PARAGRAPH}”"
    russian = tmp_path / "r.txt"
    russian.write_bytes("Переговоры продолжаются в Стамбуле, сообщили в Кремле.".encode("koi8-r"))
    (item,) = read_paths([russian])
    assert isinstance(item, RawDocument) and item.encoding == "koi8_r"
    assert item.content.startswith("Переговоры")


def test_damaged_utf8_is_refused_not_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(f"“{PARAGRAPH}” café".encode() + b"\xff")
    (error,) = read_paths([path])
    assert isinstance(error, ReadError)
    assert error.reason.startswith("not valid UTF-8 (byte 0xff")


def test_html_whose_root_is_not_html_is_extracted_not_crashed() -> None:
    page = f"<math><p>{PARAGRAPH}</p><script>x</script><p>{PARAGRAPH}</p><math>"
    result = clean_document(RawDocument("m.html", page, "html"))
    _assert_promise(result, "m.html")


def test_nested_html_and_giant_lines_end_quickly() -> None:
    nested = "<html><body>" + "<div>" * 50_000 + PARAGRAPH + "</div>" * 50_000 + "</body></html>"
    started = time.monotonic()
    _assert_promise(clean_document(RawDocument("n.html", nested, "html")), "n.html")
    giant = clean_document(RawDocument("g.txt", "word " * 500_000, "text"))
    assert isinstance(giant, ReadError) and giant.reason.startswith("text too long")
    page = "<html><body>" + f"<p>{PARAGRAPH}</p>" * 20_000 + "</body></html>"
    huge = clean_document(RawDocument("h.html", page, "html"))
    assert isinstance(huge, ReadError) and huge.reason.startswith("HTML text too long")
    assert time.monotonic() - started < 30


def test_an_article_over_the_cap_is_refused_not_cut() -> None:
    text = "\n\n".join([PARAGRAPH] * (MAX_ARTICLE_CHARS // len(PARAGRAPH) + 10))
    result = clean_document(RawDocument("long.txt", text, "text"))
    assert isinstance(result, ReadError)
    assert result.reason.startswith("article text too long (")
    ok = clean_document(RawDocument("ok.txt", "\n\n".join([PARAGRAPH] * 100), "text"))
    assert isinstance(ok, Article)


def test_overlong_metadata_is_refused_and_overlong_dates_ignored() -> None:
    long_title = clean_document(RawDocument("t", PARAGRAPH, "text", title="T" * 5000))
    assert isinstance(long_title, ReadError) and long_title.reason.startswith("title too long")
    odd_date = clean_document(RawDocument("d", PARAGRAPH, "text", published="2022" * 100))
    assert isinstance(odd_date, Article) and odd_date.published is None


def test_the_harness_counts_a_spinning_worker_as_a_hang(tmp_path: Path) -> None:
    """The time cap is real: a worker burning CPU on an input is stopped and reported."""
    from crosswire.bench.fuzz import FuzzWorker

    spin = "import sys; sys.stdin.readline(); exec('while True: pass')"
    worker = FuzzWorker(0, str(tmp_path), "", command=[sys.executable, "-c", spin])
    started = time.monotonic()
    try:
        assert worker.ask(0, timeout=1.0) is None
    finally:
        worker.stop(kill=True)
    assert time.monotonic() - started < 30


def test_form_feeds_break_lines_and_controls_go() -> None:
    raw = RawDocument("f.txt", f"{PARAGRAPH}\x0c{PARAGRAPH}\x01\x7f", "text")
    article = clean_document(raw)
    assert isinstance(article, Article)
    assert article.text == f"{PARAGRAPH}\n\n{PARAGRAPH}\x7f"


def test_feeds_refuse_entity_expansion_and_external_entities(tmp_path: Path) -> None:

    (tmp_path / "laughs.rss").write_text(BILLION_LAUGHS, encoding="utf-8")
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><title>&x;</title><item><title>a</title>'
        f"<description>{PARAGRAPH} &x;</description></item></channel></rss>"
    )
    (tmp_path / "xxe.xml").write_text(xxe, encoding="utf-8")
    started = time.monotonic()
    items = list(read_paths([tmp_path]))
    assert time.monotonic() - started < 10
    reasons = {Path(i.origin).name: i.reason for i in items if isinstance(i, ReadError)}
    assert reasons["laughs.rss"].startswith("unsafe XML refused")
    assert reasons["xxe.xml"].startswith("unsafe XML refused")
    assert all(isinstance(i, ReadError) for i in items)


def test_archives_end_in_one_line_errors_not_tracebacks(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text('{"maintext": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (tmp_path / "big.json").write_text('{"maintext": ' + "9" * 5000 + "}")
    (tmp_path / "junk.warc.gz").write_bytes(b"\x1f\x8b" + bytes(range(256)) * 4)
    os.mkfifo(tmp_path / "pipe.rss")
    items = list(read_paths([tmp_path]))
    for item in items:
        assert isinstance(item, ReadError), item
        assert len(item.reason.splitlines()) == 1, item.reason
    reasons = {Path(i.origin).name for i in items}
    assert {"deep.json", "big.json", "junk.warc.gz", "pipe.rss"} <= reasons
