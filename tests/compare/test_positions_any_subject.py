"""Positions on any subject: an actor's stance toward what the sentence names (issue 17).

Before, a position needed a hit on seven Ukraine-war topics, so "Pence
demands an independent prosecutor" or "Wallonia rejects the CETA trade deal"
gave none. Each sentence here is real (PolNeAR headlines and bodies).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.pipeline import annotate
from crosswire.bench.positions import check_headlines, read_labels
from crosswire.compare.positions import build_positions
from crosswire.model import Article, Stance

BENCH = Path(__file__).resolve().parents[2] / "bench" / "positions"


def _stances(backend: NlpBackend, text: str) -> list[tuple[str, str, str]]:
    (article,) = annotate([Article("a", "a.txt", text)], backend)
    return [(s.actor, s.stance, s.target) for s in article.stances]


def test_a_headline_demand_is_a_position_whatever_it_is_about(backend: NlpBackend) -> None:
    found = _stances(
        backend,
        "Mike Pence Calls for Special Prosecutor after Report Reveals Clinton’s Meetings "
        "with Foundation Donors.\nThe Republican vice presidential nominee spoke on Monday.",
    )
    assert ("Mike Pence", "demand", "Special Prosecutor") in found


def test_two_stances_joined_by_and_keep_their_actor(backend: NlpBackend) -> None:
    found = _stances(backend, "France’s Marine Le Pen Backs Trump And Denounces Clinton.")
    assert ("Marine Le Pen", "support", "Trump") in found
    assert ("Marine Le Pen", "oppose", "Clinton") in found


def test_an_object_clause_is_the_target(backend: NlpBackend) -> None:
    found = _stances(backend, "Trump demands Ginsburg resign for criticizing him as unfit.")
    assert found == [("Trump", "demand", "Ginsburg resign")]


def test_a_headline_speaker_before_the_colon_is_the_first_person(backend: NlpBackend) -> None:
    assert _stances(backend, "Clinton: I support D.C. statehood.") == [
        ("Clinton", "support", "D.C. statehood")
    ]
    # PolNeAR train, breitbart 2016-04-23: the tagger reads "Clinton Wades" as a person;
    # the article names Hillary Clinton, never "Clinton Wades"
    text = (
        "Clinton Wades In: Urges Britain to Remain In European Union.\n\n"
        "Hillary Clinton said on Friday that Britain should stay in the European Union."
    )
    assert ("Clinton", "demand", "Britain to Remain") in _stances(backend, text)


def test_calling_someone_an_epithet_is_opposition(backend: NlpBackend) -> None:
    found = _stances(
        backend,
        "Chris Christie Calls Hillary Clinton ‘A Disgrace’ Over Police Shooting Comments.",
    )
    assert ("Chris Christie", "oppose", "Hillary Clinton") in found


def test_a_stance_not_taken_is_no_position(backend: NlpBackend) -> None:
    found = _stances(backend, "Paul Ryan says he's not ready to support Trump.")
    assert not [s for s in found if s[1] == "support"]


def test_a_forecast_of_someone_elses_stance_is_no_position(backend: NlpBackend) -> None:
    # PolNeAR train, usa-today 2016-04-26: a rival's forecast was shown as Sanders backing
    # Clinton in the positions table
    forecast = _stances(backend, "Sanders will back Clinton, eventually, former rival says.")
    assert forecast == []
    predicted = _stances(backend, "Kunin predicted that Sanders would endorse Clinton.")
    assert predicted == []
    reported = _stances(backend, "Trump backs the bill, Pence says.")
    assert [s[1:] for s in reported] == [("support", "the bill")]  # a stance taken, reported


def test_a_pledge_to_support_is_one_position_of_support(backend: NlpBackend) -> None:
    # PolNeAR train, huff-post 2016-04-27: one phrase gave two rows, "propose: support
    # Clinton as the nominee" beside "support: Clinton"
    found = _stances(
        backend,
        "While Sanders has pledged to support Clinton as the nominee, Devine suggested "
        "that it wouldn't be a simple or even an orderly process.",
    )
    assert found == [("Sanders", "support", "Clinton")]


def test_a_means_is_not_a_stance(backend: NlpBackend) -> None:
    """The seeds: Ukrainians "must fight to defend our state" is no position on the state."""
    found = _stances(
        backend,
        'Later on Wednesday, he said Ukrainians must fight to "defend our state, our life, '
        'our Ukrainian life".',
    )
    assert found == []


def test_a_quoted_first_person_stance_is_the_speakers(backend: NlpBackend) -> None:
    text = (
        "Sanders spoke to reporters in Vermont on Sunday.\n"
        '"We reject the Puerto Rico debt deal as it stands," Bernie Sanders said.'
    )
    found = _stances(backend, text)
    assert ("Bernie Sanders", "reject", "the Puerto Rico debt deal") in found


def test_a_position_needs_no_topic_and_shows_its_object(backend: NlpBackend) -> None:
    articles = annotate(
        [
            Article(
                "a",
                "a.txt",
                "Netanyahu rejects Trump's remarks about Muslims but will meet with him.\n"
                "The Israeli prime minister said on Thursday he would meet all candidates.",
            )
        ],
        backend,
    )
    (position,) = build_positions(articles, (), {"a": date(2015, 12, 10)})
    assert (position.actor, position.stance, position.topic) == ("Netanyahu", "reject", None)
    assert position.target == "Trump's remarks about Muslims"
    assert position.date == "2015-12-10"
    (citation,) = position.citations
    assert citation.span.start == 0  # the whole sentence, stance verb included


def test_an_actor_written_short_is_the_person_the_body_names_in_full(backend: NlpBackend) -> None:
    # PolNeAR train, breitbart 2016-04-23: "Clinton" of the headline is the Hillary
    # Clinton of the body, though she is no speaker there; "Clinton Wades", the tagger's
    # name in the title-cased headline, is no one
    text = (
        "Clinton Wades In: Urges Britain to Remain In European Union.\n\n"
        "Hillary Clinton has added her voice to those urging Britain to stay in the union."
    )
    articles = annotate([Article("a", "a.txt", text)], backend)
    found = [(p.actor, p.stance) for p in build_positions(articles, (), {"a": None})]
    assert ("Hillary Clinton", "demand") in found


def test_headline_positions_stay_above_their_floors(backend: NlpBackend) -> None:
    """`crosswire bench positions`: 38 of 40 PolNeAR train headlines that state a stance
    yield it (0.950), 10 of 11 dev headlines (labelled before the code ran on them; the
    first run found 5, the misses led to the epithet, noun-subject, "seek" and "vow"
    rows). Floors a little under, so a change that loses two headlines fails."""
    train = check_headlines(read_labels(BENCH / "headlines.tsv"), backend)
    dev = check_headlines(read_labels(BENCH / "headlines_dev.tsv"), backend)
    assert train.yielded / train.labels >= 0.92, train.misses
    assert dev.yielded / dev.labels >= 0.90, dev.misses


def test_a_malformed_label_row_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "h.tsv"
    bad.write_text("# comment\nx.txt\tTrump backs Cruz.\tTrump\tlikes\tCruz\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"h\.tsv:2: expected"):
        read_labels(bad)


def test_a_stance_is_a_plain_record() -> None:
    from crosswire.codec import from_dict, to_dict
    from crosswire.model import Span

    stance = Stance("Wallonia", "reject", "the CETA trade deal", "rejects", Span(17, 36))
    assert from_dict(Stance, to_dict(stance)) == stance


def test_refusing_to_disavow_is_no_disavowal(backend: NlpBackend) -> None:
    found = _stances(
        backend,
        "Sen. Ted Cruz refuses to disavow the endorsement of Sen. Lindsey Graham, Congress’ "
        "most zealous advocate for wage-cutting mass migration.",
    )
    assert [(a, s) for a, s, _ in found] == [("Sen. Ted Cruz", "reject")]
    assert found[0][2].startswith("disavow the endorsement")


@pytest.mark.parametrize(
    "sentence",
    [
        "But he said he wants to see Clinton embrace some of his top priorities if she's "
        "the nominee.",
        "Meanwhile, CPAC attendees learned Friday that Donald Trump backed out of the conference.",
        "Plenty of companies in a wide range of fields have embraced the idea.",
        "Those numbers have no influence on the state-by-state results but offer a window "
        "into both the success of Sanders in generating enthusiasm.",
        "He questioned her judgment based on her decision to allow a super PAC to support "
        "her campaign.",
        "In the normal run of events, China should reject an arrogant, hawkish candidate "
        "like him out of hand.",
        "The institutional bulwarks against Mr. Sanders are significant: Hundreds of the "
        "party's superdelegates have endorsed Mrs. Clinton.",
        "It will no doubt raise questions as to whether Cruz still supports his 2013 amendments.",
        "Senator Bernie Sanders advocates tax increases of $15 trillion affecting all income "
        "groups; Mrs. Clinton seeks an additional $1 trillion in revenue.",
        "Dayton has been a longtime Clinton supporter and has pledged his support as a "
        "superdelegate.",
        "That is pretty much what Mr. Trump has threatened to do.",
    ],
)
def test_a_wish_advice_a_count_or_a_misread_object_is_no_stance(
    backend: NlpBackend, sentence: str
) -> None:
    assert _stances(backend, "Earlier that day the campaign spoke.\n" + sentence) == []


def test_a_relative_clause_stance_is_its_antecedents(backend: NlpBackend) -> None:
    found = _stances(
        backend,
        "The platform is appealing, said Kurt Walters, the campaign director at "
        "Rootstrikers, a group that favors limiting the influence of big donors in politics.",
    )
    assert ("Rootstrikers", "support", "limiting the influence of big donors in politics") in (
        found
    )


def test_a_place_in_a_bodys_name_does_not_make_it_that_country(backend: NlpBackend) -> None:
    articles = annotate(
        [
            Article(
                "a",
                "a.txt",
                "The minimum wage in the province is set to rise in June.\n"
                "Still, the Business Council of British Columbia opposed an increase.",
            )
        ],
        backend,
    )
    (position,) = build_positions(articles, (), {"a": None})
    assert position.actor == "Business Council of British Columbia"
    assert (position.stance, position.target) == ("oppose", "an increase")


def test_a_quote_naming_a_side_as_subject_is_that_sides_position(backend: NlpBackend) -> None:
    """The seeds: Russia's negotiator reports Ukraine's offer; a journalist reports
    Moscow's signal. The speaker voices it; the side named as subject holds it."""
    from crosswire.compare.statements import build_statements

    text = (
        "Peskov was responding to comments made by Russia’s chief negotiator, Vladimir "
        "Medinsky, who earlier told state television: “Ukraine is offering an Austrian or "
        "Swedish version of a neutral demilitarised state, but at the same time a state "
        "with its own army and navy.”"
    )
    articles = annotate([Article("a", "a.txt", text)], backend)
    quotes = [q for a in articles for q in a.quotes]
    positions = build_positions(articles, build_statements(articles, quotes), {"a": None})
    (medinsky,) = [p for p in positions if p.speaker == "Vladimir Medinsky"]
    assert (medinsky.actor, medinsky.stance) == ("Ukraine", "propose")
    assert "neutrality" in (medinsky.topic or "")
    # the seed report showed "Ukraine / Vladimir Medinsky (chief negotiator)", which reads
    # as Ukraine's negotiator: the voice's own side is said when it is not the actor's
    assert medinsky.role == "Russia's chief negotiator"


def test_an_object_keeps_its_bracket_and_reads_as_the_reporters_sentence(
    backend: NlpBackend,
) -> None:
    """The seeds: "Kyiv would pledge nonalignment (no foreign military bases) ..." is shown
    as the reporter's sentence (no quote marks around it) with the whole bracket."""
    text = (
        "The talks continued on Wednesday.\n"
        "Specifically, Kyiv would pledge nonalignment (no foreign military bases) while "
        "maintaining its own military."
    )
    articles = annotate([Article("a", "a.txt", text)], backend)
    (position,) = build_positions(articles, (), {"a": None})
    assert position.target == "nonalignment (no foreign military bases)"
    assert (position.actor, position.kind) == ("Ukraine", "claim")
