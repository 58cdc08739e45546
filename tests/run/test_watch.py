"""Feeds, sitemaps and web archives from a local HTTP server; `watch` restart safety.

Nothing here touches the internet: a ThreadingHTTPServer on loopback serves
the seed articles as an RSS feed (one entry with its full text, one with a
summary whose page must be fetched), as a sitemap, and inside a WARC.gz.
"""

from __future__ import annotations

import html
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crosswire.annotate.nlp import NlpBackend
from crosswire.model import RawDocument, ReadError
from crosswire.read import read_paths
from crosswire.read.urls import PoliteFetcher
from crosswire.run.watch import WatchState, poll
from crosswire.store import open_store


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def _page(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n") if p.strip())
    head = "<html><head><title>Article</title></head>"
    return f"{head}<body><article>{paragraphs}</article></body></html>"


def _warc(pages: dict[str, str]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, page in pages.items():
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        payload = io.BytesIO(page.encode("utf-8"))
        writer.write_record(
            writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
        )
    return out.getvalue()


@pytest.fixture()
def site(tmp_path: Path, seed_wire_text: str, seed_rewrite_text: str) -> Iterator[str]:
    root = tmp_path / "site"
    root.mkdir()
    port_holder: list[int] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    port_holder.append(server.server_address[1])
    base = f"http://127.0.0.1:{port_holder[0]}"
    (root / "rewrite.html").write_text(_page(seed_rewrite_text), encoding="utf-8")
    (root / "wire.html").write_text(_page(seed_wire_text), encoding="utf-8")
    body = html.escape(_page(seed_wire_text))
    (root / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire desk</title>'
        f"<item><title>Outside of NATO</title><link>{base}/wire.html</link>"
        f"<content:encoded>{body}</content:encoded></item>"
        f"<item><title>Rewrite</title><link>{base}/rewrite.html</link>"
        "<description>Russia may accept a neutral Ukraine.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{base}/wire.html</loc></url><url><loc>{base}/rewrite.html</loc></url></urlset>",
        encoding="utf-8",
    )
    (root / "cc-news.warc.gz").write_bytes(
        _warc(
            {
                f"{base}/wire.html": _page(seed_wire_text),
                f"{base}/rewrite.html": _page(seed_rewrite_text),
            }
        )
    )
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    (root / "bomb.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;">]><rss><channel><title>&c;</title></channel></rss>',
        encoding="utf-8",
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


@pytest.fixture()
def fetcher() -> Iterator[PoliteFetcher]:
    polite = PoliteFetcher(allow_private=True, delay_s=0.0, backoff_s=0.0)
    yield polite
    polite.close()


@pytest.mark.parametrize("path", ["feed.xml", "sitemap.xml", "cc-news.warc.gz", "pages"])
def test_sources_from_a_local_server_are_ingested_once(
    site: str, fetcher: PoliteFetcher, backend: NlpBackend, tmp_path: Path, path: str
) -> None:
    with open_store(tmp_path / "w.db") as store:
        state = WatchState()
        sources = (
            [f"{site}/wire.html", f"{site}/rewrite.html"] if path == "pages" else [f"{site}/{path}"]
        )
        first = poll(sources, store, state, fetcher, backend=backend)
        assert first.errors == [] and first.added == 2
        assert len({p.story_id for p in first.placements}) == 1
        again = poll(sources, store, WatchState(), fetcher, backend=backend)
        assert again.added == 0 and again.already_stored == 2
        ((story, _),) = store.stories()
        articles, _ = store.articles_of(story)
    wire = next(a for a in articles if "Austria or Sweden" in a.article.text)
    assert "three weeks of war" in wire.article.text


def test_robots_and_private_addresses_are_respected(site: str, tmp_path: Path) -> None:
    polite = PoliteFetcher(allow_private=True, delay_s=0.0)
    assert polite.allowed(f"{site}/wire.html")
    assert not polite.allowed(f"{site}/private/page.html")
    polite.close()
    strict = PoliteFetcher(delay_s=0.0)  # loopback is refused unless the operator allows it
    with open_store(tmp_path / "s.db") as store:
        result = poll([f"{site}/feed.xml"], store, WatchState(), strict)
    strict.close()
    assert result.added == 0 and "loopback" in result.errors[0].reason


def test_entity_bombs_are_refused(site: str, fetcher: PoliteFetcher, tmp_path: Path) -> None:
    with open_store(tmp_path / "b.db") as store:
        result = poll([f"{site}/bomb.xml"], store, WatchState(), fetcher)
    assert result.added == 0
    assert [e.reason for e in result.errors] == ["unsafe XML refused (EntitiesForbidden)"]


def test_files_in_a_folder_are_read_by_kind(
    tmp_path: Path, seed_wire_text: str, seed_rewrite_text: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.warc.gz").write_bytes(_warc({"https://example.org/a": _page(seed_wire_text)}))
    news_please = {
        "title": "Rewrite",
        "maintext": seed_rewrite_text,
        "date_publish": "2022-03-16 12:00:00",
        "authors": ["Staff"],
        "source_domain": "example.org",
        "url": "https://example.org/b",
    }
    (folder / "b.json").write_text(json.dumps(news_please), encoding="utf-8")
    (folder / "broken.warc").write_bytes(b"\x00garbage")
    items = list(read_paths([folder]))
    documents = [i for i in items if isinstance(i, RawDocument)]
    problems = [i for i in items if isinstance(i, ReadError)]
    assert len(documents) == 2 and len(problems) == 1
    assert "broken.warc" in problems[0].origin
    by_outlet = {d.outlet: d for d in documents}
    assert by_outlet["example.org"].published == "2022-03-16 12:00:00"


def _count(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone()
    return int(rows[0]), int(rows[1])


def test_watch_survives_kill_9_mid_batch(tmp_path: Path, ecb_file: Path) -> None:
    """SIGKILL during the second batch, then a restart: every article once, none lost."""
    folder = tmp_path / "incoming"
    folder.mkdir()
    with ecb_file.open(encoding="utf-8") as lines:
        records = [json.loads(line) for _, line in zip(range(40), lines, strict=False)]
    for record in records:
        (folder / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    db = tmp_path / "watch.db"
    command = [sys.executable, "-m", "crosswire.cli", "watch", str(folder), "--db", str(db)]
    process = subprocess.Popen(
        [*command, "--interval", "0.2"], stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = _count(db)[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 1:
                break
    assert stored >= 1, "watch stored nothing before the deadline"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    total_after_kill = _count(db)[0]
    assert total_after_kill < 40, "the kill came after the last batch; nothing was interrupted"
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    subprocess.run([*command, "--once"], check=True, stdout=subprocess.DEVNULL, timeout=600)
    total, distinct = _count(db)
    expected = len({r["text"].strip() for r in records})
    assert total == distinct == expected
    with sqlite3.connect(db) as con:
        orphans = con.execute(
            "SELECT COUNT(*) FROM articles a LEFT JOIN stories s ON s.id = a.story_id "
            "WHERE s.id IS NULL"
        ).fetchone()[0]
    assert orphans == 0
