"""Quotes and speakers on the seeds' own sentences: who said what, under which name."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosswire.annotate.quotes import extract_quotes, quoted_passages
from crosswire.annotate.speakers import (
    AliasTable,
    canonical_names,
    fold,
    load_aliases,
    parse_aliases,
    same_person,
)
from crosswire.clean import clean_document
from crosswire.model import Article, Quote, RawDocument

NO_ALIASES = AliasTable(())


def _article(text: str) -> Article:
    article = clean_document(RawDocument("t.txt", text, "text"))
    assert isinstance(article, Article)
    return article


def _quotes(text: str, backend, aliases: AliasTable = NO_ALIASES) -> tuple[Quote, ...]:  # type: ignore[no-untyped-def]
    article = _article(text)
    (doc,) = backend.parse([article.text])
    return extract_quotes(article, doc, aliases)


def test_transliterations_fold_together() -> None:
    assert fold("Zelenskiy") == fold("Zelensky") == fold("Zelenskyy")
    assert fold("Podolyak") == fold("Podoliak")
    assert fold("Volodymyr") == fold("Volodimir")


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Volodymyr Zelenskiy", "Volodymyr Zelensky", True),
        ("Zelenskyy", "Volodymyr Zelensky", True),
        ("Mr Peskov", "Dmitry Peskov", True),
        ("Dmitri Peskov", "Dmitry Peskov", True),
        ("Olena Zelenska", "Volodymyr Zelensky", False),
        ("Joe Biden", "Hunter Biden", False),
        ("Ukraine's chief negotiator", "Russia's chief negotiator", False),
    ],
)
def test_same_person_without_any_alias(a: str, b: str, same: bool) -> None:
    assert same_person(a, b, NO_ALIASES) is same


def test_canonical_names_pick_the_fullest_and_keep_namesakes_apart() -> None:
    names = ["Zelenskiy", "Volodymyr Zelensky", "Zelensky", "Joe Biden", "Hunter Biden", "Biden"]
    mapping = canonical_names(names, NO_ALIASES)
    assert mapping["Zelenskiy"] == mapping["Zelensky"] == "Volodymyr Zelensky"
    assert mapping["Joe Biden"] != mapping["Hunter Biden"]
    assert mapping["Biden"] == "Biden"  # ambiguous between two Bidens: left alone


def test_user_alias_file_overrides_and_bad_lines_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = tmp_path / "aliases.tsv"
    user.write_text("Dmitry S. Peskov\tPeskov\n")
    monkeypatch.setenv("CROSSWIRE_ALIASES", str(user))
    assert load_aliases().resolve("Peskov") == "Dmitry S. Peskov"
    with pytest.raises(ValueError, match=r"aliases\.tsv:2"):
        parse_aliases("# header\nonly one column\n", "aliases.tsv")


def test_mixed_quotes_and_pronoun_continuation_on_the_wire_seed(
    seed_wire_text: str,
    backend,  # type: ignore[no-untyped-def]
) -> None:
    quotes = _quotes(seed_wire_text, backend)
    said = {(q.speaker.name if q.speaker else None, q.kind, q.content) for q in quotes}
    assert ("Volodymyr Zelenskiy", "mixed", "more realistic") in said
    assert ("Sergei Lavrov", "mixed", "some hope for compromise") in said
    # "Later on Wednesday, he said ... to "defend our state ..."": "he" is Zelenskiy
    assert any(
        who == "Volodymyr Zelenskiy" and "defend our state" in content for who, _, content in said
    )
    by_content = {q.content: q for q in quotes}
    lavrov = by_content["some hope for compromise"].speaker
    assert lavrov is not None and lavrov.role == "Foreign Minister"
    for quote in quotes:  # every span points at its text
        article_text = _article(seed_wire_text).text
        assert article_text[quote.content_span.start : quote.content_span.end] == quote.content


def test_misdirected_closing_mark_is_repaired(
    seed_rewrite_text: str,
    backend,  # type: ignore[no-untyped-def]
) -> None:
    # the rewrite closes Zelensky's quote with an opening mark: "... interests “In a video ..."
    article = _article(seed_rewrite_text)
    passages = [article.text[p.open + 1 : p.close] for p in quoted_passages(article.text)]
    assert any(
        p.startswith("The meetings continue") and p.endswith("best interests ") for p in passages
    )
    quotes = _quotes(seed_rewrite_text, backend)
    meetings = next(q for q in quotes if q.content.startswith("The meetings continue"))
    assert meetings.kind == "direct" and meetings.speaker is not None
    assert meetings.speaker.name == "Volodymyr Zelensky" and meetings.cue == "stated"
    assert "In a video address" not in meetings.content


def test_speakers_with_roles_on_the_rewrite_seed(
    seed_rewrite_text: str,
    backend,  # type: ignore[no-untyped-def]
) -> None:
    quotes = _quotes(seed_rewrite_text, backend)
    found = {
        (q.speaker.name, q.speaker.role)
        for q in quotes
        if q.speaker is not None and q.kind == "direct"
    }
    assert ("Dmitry Peskov", "spokesman") in found  # "Mr Peskov was quoted as saying"
    assert ("Vladimir Medinsky", "chief negotiator") in found
    assert ("Mikhailo Podolyak", "top negotiator") in found
    assert ("Jens Stoltenberg", "Secretary General") in found
    # scare quotes are not statements: "special military operation" has no speaker
    assert not any(q.content == "special military operation" for q in quotes)
    indirect = [q for q in quotes if q.kind == "indirect" and q.speaker is not None]
    assert any(
        q.speaker.name == "Dmitry Peskov" and "premature" in q.content
        for q in indirect
        if q.speaker
    )
