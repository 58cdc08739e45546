"""Only speakers speak: a lone common noun the parse took for a source is no speaker
(issue 17: "average", "number" and "proportion" were canonical speakers of the
polnear-150 report)."""

from __future__ import annotations

from crosswire.annotate.nlp import NlpBackend
from crosswire.annotate.pipeline import annotate
from crosswire.annotate.speaking import can_speak
from crosswire.model import Article


def test_a_lone_common_noun_is_no_speaker() -> None:
    assert not can_speak("average")
    assert not can_speak("proportion")


def test_people_groups_and_documents_speak() -> None:
    assert all(can_speak(n) for n in ("officials", "woman", "poll", "video", "Hillary Clinton"))


def test_the_attribution_stays_without_its_speaker(backend: NlpBackend) -> None:
    text = (
        "Clinton leads in the state.\n"
        "The RealClearPolitics average shows that Clinton leads Trump by 5.2 points in "
        "Pennsylvania."
    )
    (article,) = annotate([Article("a", "a.txt", text)], backend)
    shown = [q for q in article.quotes if "Clinton leads Trump" in q.content]
    assert shown, [q.content for q in article.quotes]
    assert all(q.speaker is None or q.speaker.canonical != "average" for q in shown)


def test_a_number_of_people_speak_as_those_people(backend: NlpBackend) -> None:
    text = (
        "Trump's local operation was clearly outmatched in Wyoming.\n"
        "In Wyoming, Trump's local operation was clearly outmatched, even though a number of "
        "attendees said they supported him."
    )
    (article,) = annotate([Article("a", "a.txt", text)], backend)
    (quote,) = [q for q in article.quotes if "supported him" in q.content]
    assert quote.speaker is not None and quote.speaker.canonical == "attendees"


def test_a_poll_average_alone_loses_its_speaker_not_its_words() -> None:
    """In the polnear-150 report, "according to the RealClearPolitics average" was
    credited to a speaker named "average"."""
    from crosswire.annotate.speaking import only_speakers
    from crosswire.model import Quote, Span, Speaker

    text = (
        "Mrs. Clinton leads Mr. Trump in national polls by a three-percentage-point margin, "
        "45.4 percent to 42 percent, according to the RealClearPolitics average."
    )
    quote = Quote(
        article_id="a",
        content=text[:100],
        content_span=Span(0, 100),
        speaker=Speaker("average", "average", None, None, Span(134, 141)),
        cue="according to",
        kind="indirect",
    )
    (kept,) = only_speakers((quote,))
    assert kept.speaker is None and kept.content == quote.content


def test_a_title_alone_names_no_one(backend: NlpBackend) -> None:
    """polnear-150, Clinton in Delaware: "she said" was credited to "General", role "former
    Attorney", from "Beau Biden, the former Attorney General of Delaware"."""
    text = (
        "Sanders held a rally Saturday while Clinton hosted a get out the vote event Monday "
        "— during which she gave a shout out to Vice President Joe Biden and his late son "
        "Beau Biden, the former Attorney General of Delaware, who died of cancer last year.\n"
        "“I want to mention someone who’s not here but whose representation and advocacy "
        "for this state and for our country is legendary, and that is Vice President Joe "
        "Biden,” she said."
    )
    (article,) = annotate([Article("a", "a.txt", text)], backend)
    speakers = {q.speaker.canonical for q in article.quotes if q.speaker is not None}
    assert "General" not in speakers
    assert all(not s.startswith("General") for s in speakers)


def test_a_role_that_repeats_the_speakers_noun_is_no_role() -> None:
    """PolNeAR dev: "Central European leaders" had role "leaders", "their attorneys" role
    "attorneys"; a role is a title or office the text gives, not the speaker again."""
    from crosswire.annotate.speaking import only_speakers
    from crosswire.model import Quote, Span, Speaker

    quote = Quote(
        article_id="a",
        kind="indirect",
        content="the video should be released",
        content_span=Span(40, 68),
        speaker=Speaker("their attorneys", "their attorneys", "attorneys", None, Span(0, 15)),
    )
    (kept,) = only_speakers((quote,))
    assert kept.speaker is not None and kept.speaker.role is None
    titled = Speaker("Jon Tester", "Jon Tester", "Sen. (D-Mont.)", None, Span(0, 10))
    (same,) = only_speakers((Quote("a", "indirect", "x", Span(20, 21), titled),))
    assert same.speaker == titled


def test_a_description_speaks_only_when_its_noun_can() -> None:
    # audit sample 6, item 5016 (dev): "a controversial comment that egregiously
    # described ..." gave the speaker "controversial comment"
    assert not can_speak("controversial comment")
    assert not can_speak("more transparent way")
    assert can_speak("billionaire estate mogul")  # a person noun
    assert can_speak("labor-policy experts")  # a group
    assert can_speak("exhaustive study")  # a document
    assert can_speak("Political observers in Virginia")  # as written, capitalised
