"""What a corroborated fact's cited passages must say: cases from the ECB+ stream read by
hand (bench/stream), on short excerpts of the real sentences (no models needed)."""

from __future__ import annotations

from dataclasses import replace
from typing import Unpack

import numpy as np

from crosswire.compare.facts import align_claims
from crosswire.compare.same_fact import (
    coarser_date,
    headline,
    negated_by_prefix,
    other_particulars,
    same_fact,
)
from crosswire.model import (
    AlignedPair,
    AnnotatedArticle,
    Article,
    Claim,
    DateGrain,
    DateMention,
    Quantity,
    Reuse,
    Sentence,
    Span,
)
from helpers import ClaimFields


def _claim(article: str, text: str, *mentions: DateMention, **extra: Unpack[ClaimFields]) -> Claim:
    return replace(Claim(article, text, Span(0, len(text)), dates=mentions), **extra)


def _article(claim: Claim) -> AnnotatedArticle:
    vector = tuple(np.ones(4) / 2)  # one meaning for all: only the rules tell them apart
    text = claim.text
    return AnnotatedArticle(
        Article(claim.article_id, f"{claim.article_id}.txt", text),
        (Sentence(Span(0, len(text)), text),),
        (),
        (),
        (claim,),
        vector,
        (vector,),
    )


def _copy(origin: Claim, copy: Claim) -> Reuse:
    """The reuse alignment put the two sentences side by side."""
    pair = AlignedPair(origin.span, copy.span, origin.text, copy.text, 0.9)
    return Reuse(origin.article_id, copy.article_id, "partial", 0.3, 0.3, (pair,), "order")


def _day(text: str, value: str, grain: DateGrain = "day") -> DateMention:
    return DateMention(text, Span(0, len(text)), value, grain)


BORN_DAY = _claim(
    "a",
    "Bettie Mae Page was born on April 22, 1923, in Nashville, Tennessee.",
    _day("April 22, 1923", "1923-04-22"),
)
BORN_YEAR = _claim(
    "b",
    "Born in 1923 in Nashville, Tennessee, Bettie Mae Page was one of six children.",
    _day("1923", "1923", "year"),
)


def test_a_passage_giving_only_the_year_does_not_report_the_day() -> None:
    # ECB+ 39ecbplus (Bettie Page): "Born in 1923" was cited for "born on April 22, 1923"
    assert coarser_date(BORN_YEAR, BORN_DAY) and not coarser_date(BORN_DAY, BORN_YEAR)
    facts = align_claims([_article(BORN_DAY), _article(BORN_YEAR)], [_copy(BORN_DAY, BORN_YEAR)])
    assert [len(f) for f in facts.facts] == [1, 1]


def test_a_finer_date_in_the_passage_is_an_extra_detail() -> None:
    # ECB+ 35ecb (Comeaux): "convicted in June 1998" reports "a 1998 ... conviction"
    conviction = _claim(
        "a",
        "Comeaux was serving life for a 1998 sexual assault conviction.",
        _day("1998", "1998", "year"),
    )
    june = _claim(
        "b",
        "He was serving a life sentence after being convicted in June 1998.",
        _day("June 1998", "1998-06", "month"),
    )
    assert not coarser_date(june, conviction)


def test_one_against_several_or_another_named_award_is_another_fact() -> None:
    # ECB+ 35ecb (Comeaux): "serving a life sentence" / "serving three life sentences";
    # ECB+ 20ecbplus (Ortiz): "the department's Medal of Honor" / "Lakewood's Medal of Valor"
    life = _claim(
        "a", "Arcade Joseph Comeaux Jr. is a convicted sex offender serving a life sentence."
    )
    three = _claim(
        "b",
        "Arcade Joseph Comeaux Jr. is serving three life sentences.",
        quantities=(Quantity("three", 3, "sentence", event="serve"),),
    )
    assert other_particulars(life, three) and other_particulars(three, life)
    honor = _claim(
        "a", "Last year, Ortiz won the department's Medal of Honor after he shot a carjacker."
    )
    valor = _claim(
        "b",
        "Last year, he was awarded the city of Lakewood's Medal of Valor after he shot him.",
    )
    assert other_particulars(honor, valor)
    again = _claim("c", "Ortiz received the Medal of Honor last year.")
    assert not other_particulars(honor, again)
    facts = align_claims([_article(honor), _article(valor)], [_copy(honor, valor)])
    assert [len(f) for f in facts.facts] == [1, 1]


def test_a_headline_beside_a_body_sentence_is_no_copy_of_it() -> None:
    # ECB+ 35ecb (Comeaux): the headline "Convicted Child Molestor Arcade Joseph Comeaux
    # Jr." was aligned as a copy of "... is a convicted sex offender serving a life sentence"
    title = _claim("a", "Convicted Child Molestor Arcade Joseph Comeaux Jr.")
    body = _claim(
        "b", "Arcade Joseph Comeaux Jr. is a convicted sex offender serving a life sentence."
    )
    assert headline(title) and not headline(body) and not headline(BORN_DAY)
    assert headline(_claim("c", "Major fire at Waitrose in Wellington"))
    facts = align_claims([_article(title), _article(body)], [_copy(body, title)])
    assert [len(f) for f in facts.facts] == [1, 1]


def test_a_headline_s_capitals_are_not_names_when_judging_the_same_fact() -> None:
    # ECB+ 23ecbplus (Palmer dairy): every capitalised word counted as a shared name, so
    # "Was Uninsured" and "Burns Down" were one fact; only the tagger's names are names
    def line(article: str, text: str, *names: str, event: str | None = None) -> Claim:
        return _claim(article, text, entities=names, event=event)  # as the tagger read them

    dairy = "Matanuska Maid Dairy Building"
    uninsured = line("a", f"{dairy} Was Uninsured", dairy)
    burns = line("b", f"{dairy} Burns Down", dairy)
    assert not same_fact(uninsured, burns, 0.785)
    charged = line(
        "a", "Man charged with arson over Waitrose fire in Wellington", "Wellington", event="man"
    )
    fire = line("b", "Major fire at Waitrose in Wellington", "Wellington", event="fire")
    assert not same_fact(charged, fire, 0.744)
    store = line("a", "Paris Store Hit by $2.6 Million Jewelry Heist", event="hit")
    hit = line("b", "Paris hit by 2 mn-euro jewelry heist", "Paris", event="hit")
    assert same_fact(store, hit, 0.845)  # the same news in two headlines still is


def test_a_word_negated_by_its_prefix_is_another_fact() -> None:
    # ECB+ 41ecbplus (Internet Explorer): "issued a patch" was corroborated by attacks on
    # "a previously unknown, unpatched vulnerability"
    issued = _claim(
        "a", "Microsoft has reportedly issued a patch to fix a previously unknown vulnerability."
    )
    exploited = _claim(
        "b", "Attackers are exploiting a previously unknown, unpatched vulnerability in IE."
    )
    assert negated_by_prefix(issued, exploited) and negated_by_prefix(exploited, issued)
    released = _claim("c", "Microsoft released a patch for a previously unknown flaw.")
    assert not negated_by_prefix(issued, released)  # "unknown" in both negates nothing
    until = _claim("d", "The United States said the patch was issued until Tuesday.")
    assert not negated_by_prefix(issued, until)
    facts = align_claims([_article(issued), _article(exploited)], [_copy(issued, exploited)])
    assert [len(f) for f in facts.facts] == [1, 1]
