"""One name per person across a report's stories, and only for people."""

from __future__ import annotations

from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.pipeline import annotate
from crosswire.annotate.speaker_names import AliasTable, with_people
from crosswire.clean import clean_document
from crosswire.compare import report_people
from crosswire.model import Article, RawDocument

# PolNeAR train articles (2026-12-07 audit sample 13): a headline's "Millennial Democratics"
# became the name of every "Democrats" of the report (92 attributions), and the "Hurun Report"
# of one article the name of every "the report" (23)
MILLENNIALS = (
    "Millennial Democratics prefer Bernie Sanders.\n\n"
    "CAMBRIDGE, Mass., Dec. 11 (UPI) — Young democrats are gravitating toward Sen. Bernie "
    "Sanders, I-Vt., a self-described Democratic socialist, a new poll indicates.\n"
)
DEMOCRATS = (
    "Sanders's supporters not giving up the fight.\n\n"
    "Democrats fear party's split will hurt Clinton's chances against Trump.\n\n"
    "Democrats said the party would come together once the primaries were over.\n"
)
HURUN = (
    "And the Shanghai-based Hurun Report, a wealth research firm founded in 1999 by the "
    "British accountant Rupert Hoogewerf, has also started tracking billionaires worldwide.\n\n"
    "In February, Hurun Report said that the 100 billionaires in Beijing made it the new "
    "''billionaire capital of the world.''\n"
)
THE_REPORT = (
    "The report said the FDIC's current head of its technology division, Russ Pittman, "
    "instructed employees not to disclose information about the hack.\n"
)
PRIEBUS = (
    "Republican National Committee chairman Reince Priebus said the party was united.\n\n"
    '"We are going to win in November," Priebus said.\n'
)
PRIEBUS_ALONE = '"The convention will be orderly," Priebus said on Sunday.\n'


def _article(name: str, text: str) -> Article:
    article = clean_document(RawDocument(name, text, "text"))
    assert isinstance(article, Article)
    return article


def test_a_noun_speaker_never_takes_a_full_name_from_another_story(backend: NlpBackend) -> None:
    texts = [MILLENNIALS, DEMOCRATS, HURUN, THE_REPORT, PRIEBUS, PRIEBUS_ALONE]
    annotated = annotate(
        [_article(f"{n}.txt", t) for n, t in enumerate(texts)], backend, sentence_vectors=False
    )
    speakers = {q.speaker.canonical for a in annotated for q in a.quotes if q.speaker}
    assert {"Democrats", "Priebus", "Reince Priebus"} <= speakers, speakers
    assert any(s.casefold() == "report" for s in speakers), speakers
    joining, apart = report_people(annotated)
    people = with_people(with_people(AliasTable(()), joining), apart)
    assert people.resolve("Democrats") == "Democrats"
    assert people.resolve("report") == "report"
    assert people.resolve("Report") == "Report"
    assert people.resolve("Priebus") == "Reince Priebus"  # a person, named in full elsewhere


def test_a_place_or_a_paper_is_no_surname_of_a_person_named_elsewhere(
    backend: NlpBackend,
) -> None:
    # PolNeAR train report: "Israel" became Rep. Steve Israel, "the Guardian" the mayor
    # Don Guardian, "Washington" George Washington
    texts = [
        "Rep. Steve Israel, a New York Democrat, said the party would hold the seat.\n",
        "Israel said it would respond to the attack.\n",
        "Atlantic City Mayor Don Guardian said the city would pay its bills.\n",
        "The Guardian said the leaked files were genuine.\n",
    ]
    annotated = annotate(
        [_article(f"{n}.txt", t) for n, t in enumerate(texts)], backend, sentence_vectors=False
    )
    speakers = {q.speaker.canonical for a in annotated for q in a.quotes if q.speaker}
    assert {"Steve Israel", "Israel", "Don Guardian", "Guardian"} <= speakers, speakers
    joining, apart = report_people(annotated)
    people = with_people(with_people(AliasTable(()), joining), apart)
    assert people.resolve("Israel") == "Israel"
    assert people.resolve("Guardian") == "Guardian"
