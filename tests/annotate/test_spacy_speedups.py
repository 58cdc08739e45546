"""The attribute ruler's lookup and the lemma cache give what the model's own
components give (issue 19): same matches, same tags, parts of speech, morphology,
lemmas, parses and entities, token by token, on every PolNeAR dev text."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from crosswire.annotate.nlp import SPACY_MODEL, end_sentences_at_paragraphs, load_spacy
from crosswire.annotate.spacy_speedups import RulerLookup, lookup_attribute_ruler

#: Words the model's rarer rules are about: contractions, dialect, "there is", "that".
RARE = (
    "I ain't gonna do it, y'all. Let's go, c'mon! We got ta see 'em. Nothin' doin' there, "
    "ol' 'nuff, somethin' goin'. I'd have said he'd gone. There is a plan, and there were "
    "two. I ca n't, you wo n't, he sha n't. That is what that man said: it gets better, "
    "and it got worse.  Me, myself and I; you and it.\n\nHe does, she did, they had."
)


@pytest.fixture(scope="module")
def texts(shared_dir: Path) -> list[str]:
    folder = shared_dir / "data" / "polnear" / "dev" / "text"
    found = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    assert len(found) > 80
    return [RARE, *found]


def _tokens(doc: object) -> list[tuple[object, ...]]:
    return [
        (
            t.text,
            t.tag_,
            t.pos_,
            str(t.morph),
            t.lemma_,
            t.dep_,
            t.head.i,
            t.ent_iob_,
            t.ent_type_,
            t.is_sent_start,
        )
        for t in doc  # type: ignore[attr-defined]
    ]


def test_lookup_finds_the_matchers_matches(texts: list[str]) -> None:
    nlp = spacy.load(SPACY_MODEL)
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    lookup = RulerLookup(ruler)
    before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    later = [name for name in nlp.pipe_names if name not in before]
    matched = 0
    for doc in nlp.pipe(texts, disable=later):
        expected = AttributeRuler.match(ruler, doc)
        assert lookup(doc) == expected
        matched += len(expected)
    assert matched > len(texts) * 500


def test_faster_pipeline_annotates_every_token_the_same(texts: list[str]) -> None:
    plain = end_sentences_at_paragraphs(spacy.load(SPACY_MODEL))
    fast = load_spacy()
    fast_ruler = fast.get_pipe("attribute_ruler")
    assert isinstance(fast_ruler, AttributeRuler)
    assert isinstance(fast_ruler.match, RulerLookup)
    for expected, got in zip(plain.pipe(texts), fast.pipe(texts), strict=True):
        assert _tokens(got) == _tokens(expected)


def test_a_pattern_the_lookup_does_not_read_keeps_the_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add([[{"LOWER": "a"}, {"IS_PUNCT": True, "OP": "+"}]], {"LEMMA": "x"})
    assert not lookup_attribute_ruler(nlp)
    assert not isinstance(ruler.match, RulerLookup)
