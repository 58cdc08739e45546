"""Conflicts and updates within a fact, on hand-made claims (no models needed)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Unpack

from crosswire.compare.conflicts import compatible, find_conflicts
from crosswire.compare.facts import Rivals, own_reporting, source_groups
from crosswire.compare.lexicon import actor_of, measure_of
from crosswire.model import AlignedPair, Claim, Derivation, Fact, Quantity, Reuse, Span
from helpers import ClaimFields


def _claim(article: str, text: str, *amounts: Quantity, **extra: Unpack[ClaimFields]) -> Claim:
    return replace(Claim(article, text, Span(0, len(text)), quantities=amounts), **extra)


def _fact(*claims: Claim) -> Fact:
    ids = tuple(dict.fromkeys(c.article_id for c in claims))
    return Fact(claims[0].text, claims, ids, len(ids), id="f1")


def killed(n: float, qualifier: str | None = None) -> Quantity:
    return Quantity(str(n), n, "people", event="kill", qualifier=qualifier)


def test_different_tolls_the_same_day_conflict() -> None:
    fact = _fact(_claim("a", "killed five", killed(5)), _claim("b", "killed seven", killed(7)))
    (conflict,) = find_conflicts([fact], {"a": date(2020, 1, 1), "b": date(2020, 1, 1)})
    assert (conflict.kind, conflict.aspect, conflict.what) == ("conflict", "number", "dead")
    assert [s.value for s in conflict.sides] == ["5 dead", "7 dead"]


def test_a_later_toll_is_an_update_oldest_first() -> None:
    fact = _fact(
        _claim("b", "killed ten", killed(10)), _claim("a", "killed three", killed(3, "at least"))
    )
    (conflict,) = find_conflicts([fact], {"a": date(2005, 11, 27), "b": date(2005, 11, 28)})
    assert conflict.kind == "update"
    assert [s.claims[0].article_id for s in conflict.sides] == ["a", "b"]


def test_compatible_bounds_and_equal_figures_do_not_conflict() -> None:
    fact = _fact(
        _claim("a", "at least three", killed(3, "at least")),
        _claim("b", "ten", killed(10)),
        _claim("c", "at least ten", killed(10, "at least")),
    )
    assert find_conflicts([fact], {}) == []
    assert compatible(killed(36, "about"), killed(35))
    assert not compatible(killed(102, "estimated"), killed(108))


def test_static_measures_conflict_whatever_the_dates() -> None:
    mag = [Quantity("5.9", 5.9, "magnitude"), Quantity("6.1", 6.1, "magnitude")]
    fact = _fact(_claim("a", "5.9 quake", mag[0]), _claim("b", "6.1 quake", mag[1]))
    (conflict,) = find_conflicts([fact], {"a": date(2005, 11, 27), "b": date(2005, 11, 28)})
    assert conflict.kind == "conflict"


def test_update_cue_without_dates() -> None:
    fact = _fact(
        _claim("a", "Five people were killed", killed(5)),
        _claim("b", "The death toll rose to seven", killed(7)),
    )
    (conflict,) = find_conflicts([fact], {})
    assert conflict.kind == "update" and conflict.sides[1].claims[0].article_id == "b"


def test_polarity_accepts_vs_rejects_and_negation() -> None:
    fact = _fact(
        _claim("a", "Russia accepts the plan", event="accept"),
        _claim("b", "Russia rejects the plan", event="reject"),
        _claim("c", "Russia does not accept the plan", event="accept", negated=True),
    )
    found = {(c.aspect, c.reason) for c in find_conflicts([fact], {})}
    assert ("polarity", "“accept” vs “reject”") in found
    assert ("polarity", "“accept” is negated in one report only") in found


def test_measures_and_currencies() -> None:
    assert measure_of(Quantity("$800 million", 8e8, "USD")) == "USD"
    assert measure_of(killed(5)) == "dead"
    assert measure_of(Quantity("two", 2, "woman", event="kill")) == "dead:woman"
    a = _fact(
        _claim("a", "e80 million", Quantity("e80 million", 8e7, "EUR")),
        _claim("b", "$108 million", Quantity("$108 million", 1.08e8, "USD")),
    )
    assert find_conflicts([a], {}) == []  # other currencies are never compared


def test_actors_from_data() -> None:
    assert actor_of("Kremlin") == "Russia"
    assert actor_of("Moscow") == "Russia"
    assert actor_of("Dmitry Peskov", "Kremlin") == "Russia"
    assert actor_of("Kyiv") == "Ukraine"
    assert actor_of("Mikhailo Podolyak", "Ukraine") == "Ukraine"
    assert actor_of("Kevin Rothrock") == "Kevin Rothrock"


def test_copy_counts_once_unless_it_adds_its_own_reporting() -> None:
    origin = _claim("a", "The Kremlin said talks were discussing neutrality.", source="Kremlin")
    copy = _claim(
        "b",
        "Peskov said Russia may accept neutrality.",
        source="Dmitry Peskov",
        source_organization="Kremlin",
    )
    other = _claim(
        "b",
        "Kyiv's negotiator said talks were discussing neutrality.",
        source="Mikhailo Podolyak",
        source_organization="Ukraine",
    )
    edge = Reuse(
        "a",
        "b",
        "partial",
        0.2,
        0.1,
        (AlignedPair(Span(500, 600), Span(500, 600), "x", "x", 0.9),),
        "credit",
    )
    groups: tuple[tuple[str, ...], ...] = (("a",), ("b",))
    sources, own, derived = source_groups([origin, copy], groups, [edge])
    assert sources == (("a", "b"),) and own == ()
    assert derived == (Derivation("b", "a", "copies"),)
    sources, own, _ = source_groups([origin, other], groups, [edge])
    assert len(sources) == 2 and own == ("b",)
    assert own_reporting(other, [origin]) == "its own source: Mikhailo Podolyak"
    independent, _, _ = source_groups([origin, copy], groups, [])
    assert len(independent) == 2  # no reuse: two sources


def test_articles_crediting_one_wire_count_once_and_say_so_without_claiming_a_copy() -> None:
    jobs = _claim("a", "The economy added 156,000 jobs in September, the Labor Department said.")
    same = _claim("b", "Employers added 156,000 jobs in September, the government said.")
    groups: tuple[tuple[str, ...], ...] = (("a", "b"),)  # one origin group: both credit AFP
    sources, _, derived = source_groups([jobs, same], groups, [], {"a": "AFP", "b": "AFP"})
    assert sources == (("a", "b"),)
    assert derived == (Derivation("b", "a", "same_wire", "AFP"),)


def test_one_sentence_word_for_word_in_two_articles_is_one_source() -> None:
    note = "Editor's note: This story has been updated to correct the name of the county."
    sources, _, derived = source_groups([_claim("a", note), _claim("b", note)], [], [])
    assert sources == (("a", "b"),)
    assert [d.reason for d in derived] == ["same_words"]


def test_delegate_counts_of_different_states_never_conflict() -> None:
    def won(article: str, text: str, n: float, place: str) -> Claim:
        delegates = Quantity(str(n), n, "delegates", event="win")
        return _claim(article, text, delegates, places=(place,))

    north_dakota = won("a", "Cruz won 25 delegates in North Dakota.", 25, "North Dakota")
    indiana = won("b", "Cruz won 27 delegates in Indiana.", 27, "Indiana")
    assert find_conflicts([_fact(north_dakota, indiana)], {}) == []
    assert find_conflicts([], {}, [Rivals(north_dakota, indiana)]) == []
    other_count = won("c", "Cruz won 18 delegates in North Dakota.", 18, "North Dakota")
    (conflict,) = find_conflicts([], {}, [Rivals(north_dakota, other_count)])
    assert conflict.aspect == "number" and conflict.fact_id is None


def test_a_zero_figure_beside_a_toll_is_compared_not_a_crash() -> None:
    import numpy as np

    from crosswire.compare.facts import align_claims
    from crosswire.model import AnnotatedArticle, Article, Sentence

    def article(name: str, text: str, toll: Quantity) -> AnnotatedArticle:
        vector = tuple(np.ones(4) / 2)
        return AnnotatedArticle(
            Article(name, f"{name}.txt", text),
            (Sentence(Span(0, len(text)), text),),
            (),
            (),
            (_claim(name, text, toll),),
            vector,
            (vector,),
        )

    none = article("a", "No one was killed when the quake struck the island.", killed(0))
    two = article("b", "Two people were killed when the quake struck the island.", killed(2))
    alignment = align_claims([none, two])
    assert [len(f) for f in alignment.facts] == [1, 1]  # figures disagree: never one fact
    assert len(alignment.rivals) == 1  # but one fact but for the figures


def test_dollar_figures_of_a_story_reported_in_euros_are_conversions() -> None:
    # ECB+ 24ecb: "$137-million" (Globe and Mail, Canadian dollars) and "more than $160
    # million" (an Australian paper) are the one 85 million euros, not a disagreement
    def usd(article: str, text: str, value: float, qualifier: str | None = None) -> Claim:
        return _claim(article, text, Quantity(text, value, "USD", qualifier=qualifier))

    canadian = usd("a", "made off with $137-million of diamonds", 137e6)
    australian = usd("b", "worth more than $160 million has been stolen", 160e6, "more than")
    assert len(find_conflicts([_fact(canadian, australian)], {})) == 1  # no euros: compared
    euros = _claim("c", "stole gems worth 85 million euros", Quantity("85 million", 85e6, "EUR"))
    assert find_conflicts([_fact(canadian, australian), _fact(euros)], {}) == []


def test_a_count_since_a_date_is_not_the_count_over_all_time() -> None:
    # ECB+ 23ecbplus: "arrested four times" (his record) vs "three times since October"
    from crosswire.model import DateMention

    def arrests(article: str, text: str, n: float, *dates: DateMention) -> Claim:
        return _claim(article, text, Quantity(str(n), n, "time", event="arrest"), dates=dates)

    since = DateMention("since October", Span(0, 13), None, "month")
    record = arrests("a", "Gray had previously been arrested four times", 4)
    recent = arrests("b", "Gray had been arrested three times since October", 3, since)
    assert find_conflicts([_fact(record, recent)], {}) == []
    again = arrests("c", "Gray had been arrested twice since October", 2, since)
    assert len(find_conflicts([_fact(recent, again)], {})) == 1


def test_an_announced_event_is_not_the_event_done() -> None:
    # ECB+ 3_ecbplus (Microsoft's emergency patch): "was to release ... yesterday" was
    # counted as corroborating four reports that the patch was released
    from crosswire.compare.same_fact import plan_and_deed

    plan = _claim(
        "a",
        "Microsoft was to release an emergency patch yesterday to fix a perilous flaw.",
        event="be",
        tense="past",
    )
    done = _claim(
        "b",
        "Microsoft on Wednesday released an emergency patch to fix a perilous flaw.",
        event="release",
        tense="past",
    )
    again = _claim("c", "Microsoft has released an emergency patch.", event="release", tense="past")
    assert plan_and_deed(plan, done) and plan_and_deed(done, plan)
    assert not plan_and_deed(done, again)


def test_figures_of_differently_named_subjects_never_conflict() -> None:
    # ECB+ 37ecb (Chiefs-Colts): "Jamaal Charles rushed for 226 yards while Peyton Hillis
    # added 101" was held against "Peyton Hillis rushed for 101 yards" as 226 vs 101
    def rushed(article: str, text: str, n: float, subject: str, *names: str) -> Claim:
        yards = Quantity(f"{n:g} yards", n, "yard", event="rush")
        return _claim(article, text, yards, subject=subject, event="rush", entities=names)

    charles = rushed(
        "a",
        "Jamaal Charles rushed for 226 yards while Peyton Hillis added 101.",
        226,
        "Jamaal Charles",
        "Jamaal Charles",
        "Peyton Hillis",
    )
    hillis = rushed(
        "b", "RB Peyton Hillis rushed for 101 yards.", 101, "RB Peyton Hillis", "Peyton Hillis"
    )
    assert find_conflicts([_fact(charles, hillis)], {}) == []
    again = rushed(
        "c", "Peyton Hillis rushed for 110 yards.", 110, "Peyton Hillis", "Peyton Hillis"
    )
    assert len(find_conflicts([_fact(hillis, again)], {})) == 1


def test_sums_of_different_verbs_are_different_sums() -> None:
    # ECB+ 41ecb (The Hunger Games): "has already brought in over $363 million" (the box
    # office) and "he was given $3 million upfront" (the director's fee) are two sums
    box_office = _claim(
        "a",
        "The Hunger Games has already brought in over $363 million.",
        Quantity("over $363 million", 363e6, "USD", event="bring", qualifier="over"),
    )
    fee = _claim(
        "b",
        "Ross is expecting a raise for his work on the movie (he was given $3 million upfront)",
        Quantity("$3 million", 3e6, "USD", event="upfront"),
    )
    assert find_conflicts([_fact(box_office, fee)], {}) == []
    grossed = _claim(
        "c",
        "The Hunger Games has brought in $300 million.",
        Quantity("$300 million", 300e6, "USD", event="bring"),
    )
    assert len(find_conflicts([_fact(box_office, grossed)], {})) == 1


def test_a_count_over_several_nights_is_not_one_nights_count() -> None:
    # ECB+ 23ecbplus (Kimani Gray protests): "46 arrests" after Wednesday night's protest
    # against "over 50 arrests have been made over four nights" was reported as an update
    def arrests(article: str, text: str, n: float, qualifier: str | None = None) -> Claim:
        return _claim(article, text, Quantity(str(n), n, "arrest", qualifier=qualifier))

    one_night = arrests("a", "After Wednesday night's protest there were 46 arrests.", 46)
    in_all = arrests(
        "b",
        "Since the shooting, over 50 arrests have been made over four nights of protesting.",
        50,
        "over",
    )
    assert find_conflicts([_fact(one_night, in_all)], {}) == []
    running = arrests("c", "Since the shooting, 60 arrests have been made.", 60)
    assert len(find_conflicts([_fact(one_night, running)], {})) == 1  # a running total


def test_a_persons_prior_arrests_are_not_the_events_arrests() -> None:
    # ECB+ 44ecbplus (Kimani Gray): the Daily News' "four prior arrests" is Gray's record;
    # the NYPD's one arrest is the night's
    prior = _claim(
        "a",
        'Police sources also told the News that "Gray has four prior arrests."',
        Quantity("four", 4, "arrest", event="have"),
    )
    night = _claim(
        "b",
        "The NYPD said one person was arrested for disorderly conduct.",
        Quantity("one", 1, "person", event="arrest"),
    )
    assert measure_of(prior.quantities[0]) == measure_of(night.quantities[0]) == "arrested"
    assert find_conflicts([_fact(prior, night)], {}) == []
    record = _claim("c", "Gray has four arrests.", Quantity("four", 4, "arrest", event="have"))
    assert len(find_conflicts([_fact(record, night)], {})) == 1  # without "prior": compared


def test_rivals_by_their_headline_figure_are_compared_on_that_figure_alone() -> None:
    # ECB+ 20_3ecbplus: the article's quake killed 10; "It killed 612 people and injured
    # more than 1,400" is the Zarand quake of February, not a rival of another report
    injured = _claim(
        "a",
        "Ten people were killed and at least 50 injured when an earthquake razed villages.",
        killed(10),
        Quantity("at least 50", 50, "people", event="injure", qualifier="at least"),
    )
    zarand = _claim(
        "b",
        "It killed 612 people and injured more than 1,400, leveling several villages.",
        killed(612),
        Quantity("more than 1,400", 1400, None, event="injure", qualifier="more than"),
    )
    on_injured = Rivals(injured, zarand, frozenset({"injured"}))
    assert find_conflicts([], {}, [on_injured]) == []  # at least 50 and more than 1,400
    (dead,) = find_conflicts([], {}, [Rivals(injured, zarand)])  # every measure: 10 vs 612
    assert dead.what == "dead"


def test_reports_of_one_toll_in_other_words_are_rivals_unless_about_another_quake() -> None:
    # ECB+ 20ecb and 20_3ecbplus: sentences only 0.47 alike in meaning, each giving its
    # article's figure of the injured, are compared on it; a sentence giving another
    # toll than its article's own ("It killed 612 ...", the Zarand quake) is not

    from crosswire.compare.facts import align_claims
    from crosswire.model import AnnotatedArticle, Article, Sentence

    def article(name: str, *claims: tuple[Claim, tuple[float, ...]]) -> AnnotatedArticle:
        placed, sentences, offset = [], [], 0
        for claim, _ in claims:
            span = Span(offset, offset + len(claim.text))
            placed.append(Claim(name, claim.text, span, quantities=claim.quantities))
            sentences.append(Sentence(span, claim.text))
            offset = span.end + 1
        text = " ".join(c.text for c, _ in claims)
        return AnnotatedArticle(
            Article(name, f"{name}.txt", text),
            tuple(sentences),
            (),
            (),
            tuple(placed),
            claims[0][1],
            tuple(v for _, v in claims),
        )

    def injured(n: float) -> Quantity:
        return Quantity(str(n), n, "people", event="injure")

    here, apart, other = (1.0, 0.0, 0.0), (0.47, 0.88, 0.0), (0.0, 0.0, 1.0)
    governor = article(
        "a",
        (_claim("a", "The governor said five people had received treatment.", injured(5)), here),
    )
    isna = article(
        "b",
        (
            _claim("b", "Residential units were damaged and two villagers injured.", injured(2)),
            apart,
        ),
    )
    (rival,) = align_claims([governor, isna]).rivals
    assert rival.measures == {"injured"}
    (conflict,) = find_conflicts([], {}, [rival])
    assert [s.value for s in conflict.sides] == ["5 injured", "2 injured"]

    zarand = article(
        "c",
        (_claim("c", "The quake killed 10 people, officials said.", killed(10)), other),
        (_claim("c", "It killed 612 people and injured 1,400.", killed(612), injured(1400)), apart),
    )
    assert align_claims([governor, zarand]).rivals == []
