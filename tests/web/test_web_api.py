"""The HTTP API and pages over the seeds' store (FastAPI's test client, no network)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from crosswire.read.urls import FetchRefused, check_url
from crosswire.web import create_app
from crosswire.web.app import app_from_env


@pytest.fixture()
def web_db(seed_db: Path, tmp_path: Path) -> Path:
    """A private copy of the seeds' store, so ingest tests don't change the shared one."""
    copy = tmp_path / "web.db"
    shutil.copy(seed_db, copy)
    return copy


@pytest.fixture()
def client(web_db: Path) -> TestClient:
    return TestClient(create_app(web_db))


def test_health_and_openapi(client: TestClient) -> None:
    health = client.get("/api/health").json()
    assert health == {"status": "ok", "version": health["version"], "articles": 2}
    schema = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/search"} <= set(
        schema["paths"]
    )


def test_story_list_and_story(client: TestClient) -> None:
    page = client.get("/api/stories", params={"limit": 10}).json()
    assert page["total"] == 1 and page["offset"] == 0 and page["limit"] == 10
    (item,) = page["items"]
    assert item["articles"] == 2 and "Outside of NATO" in item["title"]
    story = client.get(f"/api/stories/{item['id']}").json()
    assert len(story["articles"]) == 2
    assert story["reuse"] and story["reuse"][0]["pairs"]
    speakers = {s["speaker"] for s in story["statements"]}
    assert any("Zelensk" in s for s in speakers)
    assert story["brief"] and all(s["citations"] for s in story["brief"])
    assert client.get("/api/stories/nosuchstory").status_code == 404
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_search_finds_articles(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Zelensky realistic"}).json()
    assert len(hits) >= 1 and all(h["story_id"] for h in hits)
    assert client.get("/api/search", params={"q": '"unbalanced AND ('}).status_code == 200
    assert client.get("/api/search", params={"q": "qwertyuiopzzz"}).json() == []


def test_article_api_has_spans(client: TestClient) -> None:
    story = client.get("/api/stories").json()["items"][0]
    report = client.get(f"/api/stories/{story['id']}").json()
    wire = next(a for a in report["articles"] if a["credited_source"] == "Reuters")
    article = client.get(f"/api/articles/{wire['id']}").json()
    text = article["article"]["text"]
    assert article["story_id"] == story["id"] and "vector" not in article
    quote = next(q for q in article["quotes"] if "more realistic" in q["content"])
    span = quote["content_span"]
    assert text[span["start"] : span["end"]] == quote["content"]
    for part in (*article["sentences"], *article["entities"]):  # each with its span too
        assert text[part["span"]["start"] : part["span"]["end"]] == part["text"]


def test_pages_render_story_and_article(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200 and "Outside of NATO" in home.text
    assert "script-src 'none'" in home.headers["content-security-policy"]
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    page = client.get(f"/stories/{story_id}").text
    assert 'id="coverage"' in page and "Brief" in page and "Reuse" in page
    assert page.count('class="yes"') >= 2  # shared facts ticked for both sources
    # issue 18: title and brief before the matrix; texts on the article pages; no paths
    assert page.index('class="story-title"') < page.index("Brief") < page.index('id="coverage"')
    assert '<div class="text">' not in page and "/examples/" not in page
    whole = client.get(f"/stories/{story_id}/all")
    assert whole.status_code == 200 and 'class="story-title"' in whole.text
    assert client.get("/stories/nosuchstory/all").status_code == 404
    article_id = client.get(f"/api/stories/{story_id}").json()["articles"][0]["id"]
    article = client.get(f"/articles/{article_id}").text
    assert 'class="quote' in article and 'class="entity' in article


def test_untrusted_text_is_escaped(client: TestClient) -> None:
    before = client.get("/api/stories").json()  # the list is cached until an article is added
    body = {
        "articles": [
            {
                "title": "<script>alert(1)</script> headline",
                "text": "Officials said on Monday that <script>alert(1)</script> was found "
                "in the text of a report about the harbour, which the mayor denied.",
            }
        ]
    }
    result = client.post("/api/articles", json=body).json()
    assert result["added"] == 1 and result["errors"] == []
    story_id = result["stories"][0]
    after = client.get("/api/stories").json()
    assert after["total"] == before["total"] + 1
    assert story_id in {item["id"] for item in after["items"]}
    assert story_id not in {item["id"] for item in before["items"]}
    page = client.get(f"/stories/{story_id}").text
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    article_id = client.get(f"/api/stories/{story_id}").json()["articles"][0]["id"]
    article = client.get(f"/articles/{article_id}").text
    assert "<script>" not in article and "&lt;script&gt;" in article
    again = client.post("/api/articles", json=body).json()
    assert again["added"] == 0 and again["already_stored"] == 1


def test_private_urls_are_refused(client: TestClient) -> None:
    for url in ("http://127.0.0.1:5432/", "http://10.0.0.1/admin", "http://169.254.169.254/"):
        with pytest.raises(FetchRefused, match="refused"):
            check_url(url)
    result = client.post(
        "/api/articles", json={"urls": ["http://127.0.0.1/", "file:///etc/passwd"]}
    )
    errors = result.json()["errors"]
    assert [e["origin"] for e in errors] == ["http://127.0.0.1/", "file:///etc/passwd"]
    assert "loopback" in errors[0]["reason"] and "only http" in errors[1]["reason"]


def test_write_token(web_db: Path) -> None:
    guarded = TestClient(create_app(web_db, token="s3cret"))
    body = {"articles": [{"text": "The council said on Monday it approved the new budget plan."}]}
    assert guarded.post("/api/articles", json=body).status_code == 401
    bad = {"Authorization": "Bearer nope"}
    assert guarded.post("/api/articles", json=body, headers=bad).status_code == 401
    ok = guarded.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200 and ok.json()["added"] == 1
    assert guarded.get("/api/stories").status_code == 200  # reading needs no token


def test_request_caps(client: TestClient) -> None:
    many = {"articles": [{"text": f"Article {n} says the plan was approved."} for n in range(101)]}
    assert client.post("/api/articles", json=many).status_code == 422
    huge = {"articles": [{"text": "x" * 1_000_001}]}
    assert client.post("/api/articles", json=huge).status_code == 422


def test_file_upload(client: TestClient, seed_rewrite_text: str, tmp_path: Path) -> None:
    same = client.post(
        "/api/files", params={"name": "003.txt"}, content=seed_rewrite_text.encode("utf-8")
    ).json()
    assert same["read"] == 1 and same["added"] == 0 and same["already_stored"] == 1
    page = (
        "<html><head><title>Harbour <script>alert(1)</script></title></head><body><article>"
        "<p>The harbour authority said on Monday that it had reopened the northern quay after "
        "repairs that took three weeks and cost about $2 million.</p></article></body></html>"
    )
    sneaky = client.post(
        "/api/files", params={"name": "../../etc/harbour.html"}, content=page.encode("utf-8")
    ).json()
    assert sneaky["added"] == 1 and sneaky["errors"] == []
    story = client.get(f"/api/stories/{sneaky['stories'][0]}").json()
    (article,) = story["articles"]
    assert article["origin"] == "upload:harbour.html"
    assert "reopened the northern quay" in article["text"]
    binary = client.post("/api/files", params={"name": "x.txt"}, content=b"\x00\x01\x02" * 100)
    assert binary.json()["added"] == 0 and "x.txt" in binary.json()["errors"][0]["origin"]


def test_worker_processes_build_the_app_from_the_environment(
    web_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`crosswire serve --workers N` hands each worker its settings through the environment."""
    monkeypatch.setenv("CROSSWIRE_DB", str(web_db))
    monkeypatch.setenv("CROSSWIRE_TOKEN", "s3cret")
    monkeypatch.setenv("CROSSWIRE_THREADS", "8")
    with TestClient(app_from_env()) as worker:
        assert worker.get("/api/health").json()["articles"] == 2
        body = {"articles": [{"text": "The council said on Monday it approved the budget."}]}
        assert worker.post("/api/articles", json=body).status_code == 401


def test_story_citations_land_on_the_passage_the_article_page_marks(client: TestClient) -> None:
    # issue 18: [1] links to the article page at the cited passage, which the page marks
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    report = client.get(f"/api/stories/{story_id}").json()
    texts = {a["id"]: a["text"] for a in report["articles"]}
    page = client.get(f"/stories/{story_id}").text
    links = re.findall(r'<a class="cite" href="/articles/(\w+)#p-(\d+)-(\d+)">\[(\d+)\]', page)
    assert len(links) >= len(report["brief"])
    brief = re.split(r"<h[23][^>]*>Brief</h[23]>", page)[1].split("</ul>")[0]
    assert "§" not in re.sub(r'<span class="tip">.*?</span>', "", brief)  # no offsets shown
    numbers = {a["id"]: str(n) for n, a in enumerate(report["articles"], 1)}
    articles: dict[str, str] = {}
    for article_id, start, end, number in links:
        assert numbers[article_id] == number
        if article_id not in articles:
            articles[article_id] = client.get(f"/articles/{article_id}").text
        marked = articles[article_id].split(f'<span class="cited" id="p-{start}-{end}">', 1)
        assert len(marked) == 2, (article_id, start, end)
        passage = texts[article_id][int(start) : int(end)]
        first_words = html.escape(passage.split("\n")[0][:12])
        assert re.sub(r"<[^>]+>", "", marked[1]).startswith(first_words)
    css = client.get("/static/crosswire.css").text
    assert ".cited:target" in css
    assert "a.cite:focus .tip" in client.get("/report.css").text
