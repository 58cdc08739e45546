"""Shortcuts in annotate give what the spaCy calls they replace (issue 19): a
sentence's entities from the doc's list, a stance's text from its span."""

from __future__ import annotations

from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.pipeline import ents_within
from crosswire.annotate.stances import span_words_text


def test_entities_within_a_span_and_span_text_are_spacys(
    seed_wire_text: str,
    seed_rewrite_text: str,
    backend: NlpBackend,
) -> None:
    for doc in backend.parse([seed_wire_text, seed_rewrite_text]):
        ents = list(doc.ents)
        starts = [e.start for e in ents]
        spans = [*doc.sents, *(doc[i : i + 7] for i in range(0, len(doc), 5))]
        found = 0
        for span in spans:
            within = ents_within(ents, starts, span.start, span.end)
            assert within == list(span.ents)
            found += len(within)
            words = list(span)
            if words:
                assert (
                    span_words_text(words)
                    == doc.text[words[0].idx : words[-1].idx + len(words[-1].text)]
                )
        assert found > 10
