"""Stances: who proposes, demands, backs, accepts, rejects, opposes or warns against what.

"Wallonia rejects the CETA trade deal" holds a stance whatever it is about:
an actor, a stance verb (``data/stance_verbs.tsv``) and the object the verb
takes, as the sentence names it. No topic list decides whether a stance
exists. In body text the parse gives the subject and object ("Republicans
in Congress demanded that Trump drop out"); headlines, which the tagger reads
as strings of names ("Mike Pence Calls for Special Prosecutor"), are read by
position: the name before the verb and the words after it, up to a clause
break.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, cast, get_args

from crosswire.annotate.name_runs import title_case
from crosswire.annotate.tables import data_lines, data_words
from crosswire.model import Article, Quote, Span, Stance, StanceKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

#: A first line this short is the headline ("Trump demands Ginsburg resign for criticizing him").
HEADLINE_WORDS = 20
#: The longest object kept, in words: beyond it the object is a clause of its own.
TARGET_WORDS = 20
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PRONOUNS = frozenset(
    "i we he she they it him her them us me you himself herself themselves itself "
    "yourself ourselves this that these those".split()
)
_FIRST_PERSON = frozenset({"i", "we"})
#: Subjects of a relative clause, which name their antecedent ("Rootstrikers, a group
#: that favors limiting ...").
_RELATIVES = frozenset({"that", "which", "who"})
_QUANTIFIERS = frozenset({"all", "both", "each", "some", "any"})
#: How many clauses up a denial reaches ("did not say ... I will support").
_DENIAL_REACH = 3
#: Particles that make a stance verb another verb ("backed out", "called off").
_PHRASAL = frozenset({"out", "off", "down", "away", "up"})
#: Nouns that name a stance, not its object ("pledged his support", "unveiled endorsements").
_STANCE_NOUNS = frozenset("support endorsement backing opposition approval".split())
#: An object this short that ends in a pronoun says nothing of what it is.
_VAGUE_WORDS = 3
#: Subjects that count members rather than name an actor ("Plenty of companies").
_COUNTING = frozenset(
    "plenty many most some several few all both none others half majority hundreds "
    "thousands dozens millions scores".split()
)
#: Auxiliaries that make a stance advice, not the subject's ("China should reject him").
_ADVICE = frozenset({"should", "ought"})
#: Verbs after which a stance verb is not taken ("refuses to disavow", "declined to endorse").
_REFUSALS = frozenset({"refuse", "decline", "fail", "reluctant", "hesitate"})
#: Verbs after which another's stance verb is a wish or a leave ("wants to see Clinton
#: embrace", "allow a super PAC to support her campaign").
_WISHES = frozenset(
    "see want hope wish like expect ask urge allow let permit force encourage pressure push "
    "tell".split()
)
#: Words whose subject a "to" verb after them shares as a stance ("willing to accept",
#: "ready to back", "plans to veto").
_CONTROLLERS = frozenset(
    "be willing ready want plan intend decide vote move seek expect prepare likely set go "
    "continue begin try promise pledge threaten agree refuse".split()
)
_OBJECT_DEPS = ("dobj", "obj")
_CLAUSE_DEPS = ("xcomp", "ccomp")
#: Words after which a headline's object has ended ("... Special Prosecutor after Report
#: Reveals ...", "Backs Trump And Denounces Clinton").
_BREAK_WORDS = frozenset(
    "after amid as but while because despite since before when if over following "
    "ahead until though although for in with at by".split()
)
_BREAK_PUNCT = re.compile(r"^[.,;:!?—–()\"“”]+$|^-$|^--$")
_NOT_ACTOR_WORDS = frozenset("the a an this that why how what when who".split())
#: Words a title-case headline capitalises that are never part of a name ("Girl Scout
#: Leaders To Be Executed For Supporting").
_FUNCTION_WORDS = frozenset(
    "to be for of in on at by with from is are was were will would as into about than "
    "after before over".split()
)
_CAPITALISED = re.compile(r"^[A-Z][\w.’'-]*$")
#: How many words after the named thing an epithet may come ("‘a crazy system’").
_EPITHET_REACH = 4
#: The most words a headline's actor runs to ("Bolton and Gorka", "Marine Le Pen").
_ACTOR_WORDS = 5


def _forms(verb: str) -> set[str]:
    """The regular forms of a verb: "slam" -> slams, slammed, slamming; "decry" -> decries."""
    forms = {verb, verb + "s", verb + "es", verb + "d", verb + "ed", verb + "ing"}
    forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    if verb.endswith("e"):
        forms.add(verb[:-1] + "ing")
    if verb.endswith("y"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    return forms


@cache
def stance_verbs() -> dict[str, tuple[tuple[StanceKind, str], ...]]:
    """Each form of a stance verb -> (stance, particle) entries; a row naming an unknown
    stance is an error naming its line."""
    known = set(get_args(StanceKind))
    out: dict[str, list[tuple[StanceKind, str]]] = {}
    for number, cells in data_lines("stance_verbs.tsv"):
        if len(cells) < 2 or cells[1] not in known:
            raise ValueError(
                f"stance_verbs.tsv:{number}: expected verb<TAB>stance, stance one of "
                f"{', '.join(sorted(known))}"
            )
        entry = (cast(StanceKind, cells[1]), cells[2].lower() if len(cells) > 2 else "")
        for form in _forms(cells[0].lower()):
            out.setdefault(form, []).append(entry)
    return {form: tuple(entries) for form, entries in out.items()}


def epithets() -> frozenset[str]:
    """Words that, said of someone with "call", oppose them (``data/epithets.tsv``)."""
    return data_words("epithets.tsv")


def article_stances(article: Article, doc: Doc, quotes: Sequence[Quote]) -> tuple[Stance, ...]:
    """The stances of every sentence of an article, its headline line included."""
    first_line = article.text.split("\n", 1)[0]
    short_title = len(first_line.split()) <= HEADLINE_WORDS
    out: list[Stance] = []
    for sentence in doc.sents:
        headline = short_title and sentence.end_char <= len(first_line)
        out += find_stances(sentence, quotes, headline=headline)
    return tuple(out)


def find_stances(
    sentence: SpacySpan, quotes: Sequence[Quote] = (), *, headline: bool = False
) -> tuple[Stance, ...]:
    """Every stance the sentence states, with its actor and object.

    ``headline`` says the sentence is the article's headline line, read by
    position when the tagger misses its verb ("Trump demands Ginsburg resign",
    "demands" tagged a noun); a title-case line is read so anyway. A
    first-person or pronoun actor is the speaker of the quote it sits in or
    voices ("'I support D.C. statehood,' Clinton said" -> Clinton); a stance
    whose actor stays a pronoun, or whose verb is negated, is left out: no
    position is better than a wrong one.
    """
    titled = title_case(sentence)
    headline = headline or titled
    out: list[Stance] = []
    for token in sentence:
        entry = _entry(token, sentence, headline)
        stance: StanceKind = "oppose"
        particle_token: Token | None = None
        if entry is None:
            target = _called(token, sentence, headline)
        else:
            stance, particle_token = entry
            target = _target(token, particle_token, sentence, headline, titled)
        if target is None or _negated(token) or _predicted(token) or _misplaced(target, token):
            continue
        before = sentence.doc[token.i - 1] if token.i > sentence.start else None
        joined = before is not None and before.lower_ == "and"
        if headline and out and not joined and token.pos_ != "VERB":
            continue  # a headline states one stance: "Support Sending A Name Back To ..."
        if out and joined:
            name: str | None = out[-1].actor  # "Backs Trump And Denounces Clinton"
        else:
            actor = _actor(token, sentence, headline)
            name = _speaker_for(_bare(actor), quotes) if actor else None
        if name is None:
            continue
        end = particle_token if particle_token is not None else token
        out.append(
            Stance(
                actor=name,
                stance=stance,
                target=span_words_text(target),
                verb=sentence.doc[token.i : end.i + 1].text,
                span=Span(token.idx, target[-1].idx + len(target[-1].text)),
            )
        )
    return tuple(s for s in out if not _wraps_another(s, out))


def _wraps_another(stance: Stance, found: Sequence[Stance]) -> bool:
    """Whether the stance's object is another stance of the same actor, which says it
    better: "Sanders has pledged to support Clinton" is Sanders backing Clinton, not
    also a proposal "support Clinton as the nominee"."""
    return any(
        other is not stance
        and other.actor == stance.actor
        and stance.span.start < other.span.start
        and stance.target.split(" ", 1)[0] == other.verb.split(" ", 1)[0]
        for other in found
    )


def _misplaced(target: list[Token], verb: Token) -> bool:
    """An object that holds its own verb ("what Mr. Trump has threatened to do"), or lies
    before it across a semicolon or colon ("Sanders advocates X; Mrs. Clinton seeks Y"):
    the parse took another clause for the object."""
    if target[0].i <= verb.i <= target[-1].i:
        return True
    if target[-1].i > verb.i:
        return False
    return any(w.text in (";", ":") for w in verb.doc[target[-1].i + 1 : verb.i])


def _entry(
    token: Token, sentence: SpacySpan, headline: bool
) -> tuple[StanceKind, Token | None] | None:
    """The stance a token states as a verb, and its particle token when the entry has one."""
    entries = stance_verbs().get(token.lower_)
    clause = token
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head  # "requests to withdraw ... and even to agree to cancel"
    if (
        not entries
        or clause.dep_ == "acl"
        or (clause.dep_ in _CLAUSE_DEPS and clause.head.pos_ == "NOUN")
        or any(c.lower_ in _ADVICE for c in token.children if c.dep_ == "aux")
    ):
        return None  # "requests to agree to cancel", "China should reject him": not taken
    if token.pos_ != "VERB" and not headline:
        return None
    following = sentence.doc[token.i + 1] if token.i + 1 < sentence.end else None
    for stance, particle in entries:
        if not particle:
            continue
        if following is not None and following.lower_ == particle:
            return stance, following
    if any(c.dep_ == "prt" for c in token.children) or (
        following is not None and following.lower_ in _PHRASAL
    ):
        return None  # "backed out of the conference", "called off": another verb
    plain = [stance for stance, particle in entries if not particle]
    return (plain[0], None) if plain else None


def _called(token: Token, sentence: SpacySpan, headline: bool) -> list[Token] | None:
    """What "call" names with an epithet ("calls Trump’s idea for border wall ‘stupid’",
    "Calls Hillary Clinton ‘A Disgrace’"): the words between the verb and the quote mark
    or epithet, when an epithet follows before the clause ends."""
    if token.lemma_.lower() != "call" and token.lower_ not in ("call", "calls", "called"):
        return None
    if token.pos_ != "VERB" and not headline:
        return None
    words: list[Token] = []
    for word in sentence.doc[token.i + 1 : sentence.end]:
        if word.lower_ in epithets():
            return _trimmed(words)
        if word.text in ",;:." or (words and word.is_quote):
            break
        if not word.is_quote:
            words.append(word)
    after: list[Token] = list(sentence.doc[words[-1].i + 1 : sentence.end]) if words else []
    for word in after[:_EPITHET_REACH]:
        if word.lower_ in epithets():
            return _trimmed(words)
    return None


def _negated(token: Token) -> bool:
    """Whether the stance is not taken: "did not endorse", "is not ready to support",
    "refuses to disavow the endorsement" (he keeps it), "wants to see Clinton embrace his
    priorities" (his wish, not her stance), "if she backs the plan"."""
    for word in (token, token.head if token.dep_ == "xcomp" else token):
        if any(c.dep_ == "neg" for c in word.children):
            return True
    if token.dep_ == "xcomp" and token.head.lemma_ in _REFUSALS:
        return True
    wished = token.dep_ in ("ccomp", "xcomp") and token.head.lemma_ in _WISHES
    if wished and any(c.dep_ == "nsubj" for c in token.children):
        return True
    marks = ("if", "unless", "for", "whether")
    if any(c.dep_ == "mark" and c.lower_ in marks for c in token.children):
        return True  # "if she backs the plan", "a reason for Bush to back Cruz", "whether"
    word = token
    for _ in range(_DENIAL_REACH):  # "I did not say, you know, ... I will support Obama"
        if word.dep_ not in ("ccomp", "xcomp", "parataxis", "conj") or word.head is word:
            return False
        word = word.head
        if any(c.dep_ == "neg" for c in word.children):
            return True
    return False


#: Auxiliaries that put a stance in the future or the conditional.
_FORETOLD = frozenset({"will", "would", "'ll", "wo"})


def _predicted(token: Token) -> bool:
    """Whether the stance is someone else's forecast of it: "Sanders will back Clinton,
    eventually, former rival says", "Kunin predicted that Sanders would endorse Clinton".
    Only what is taken, or promised by the actor ("Sanders said he will back Clinton"),
    is a position."""
    if not any(c.dep_ == "aux" and c.lower_ in _FORETOLD for c in token.children):
        return False
    clause = token
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    if clause.dep_ not in ("ccomp", "parataxis") or clause.head is clause:
        return False
    own = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    teller = [c for c in clause.head.children if c.dep_ == "nsubj"]
    if not own or not teller or own[0].pos_ == "PRON":
        return False
    return own[0].lower_ != teller[0].lower_


def _actor(token: Token, sentence: SpacySpan, headline: bool) -> list[Token] | None:
    """The actor's words: the verb's subject (the governing verb's for "to endorse", the
    agent of a passive), or in a headline the name just before the verb."""
    if token.dep_ == "xcomp" and any(c.dep_ in _OBJECT_DEPS for c in token.head.children):
        return None  # "pushes Dems to reject the deal": the wish is the subject's, not Dems'
    for verb in _governors(token):
        for child in verb.children:
            if child.dep_ == "nsubj":
                return _name_around(child, token)
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return _name_around(objects[0], token)
    if headline or token.pos_ != "VERB":
        return _name_before(token, sentence)
    return None


def _governors(token: Token) -> Iterator[Token]:
    """The verb and the words whose subject it shares: "Russia may be willing to accept",
    "AFL-CIO to endorse", "backs Trump and denounces Clinton"; not "must fight to
    defend", where the stance is a means, not the subject's position."""
    yield token
    word = token
    for _ in range(3):
        controlled = word.dep_ == "xcomp" and word.head.lemma_ in _CONTROLLERS
        if not (word.dep_ == "conj" or controlled or _after_be(word)):
            return
        word = word.head
        yield word


def _after_be(word: Token) -> bool:
    """Whether the word is "be"'s adjective, sharing its subject: "Russia may be willing"."""
    return word.dep_ == "acomp" and word.head.lemma_ == "be"


def _name_around(head: Token, verb: Token) -> list[Token] | None:
    """The name a subject gives: the entity holding its head with the names before it
    ("Wyoming Republicans"), its compound names ("Mike Pence"), a named group or office
    ("Rose Bowl skywriters", "Indiana governor"), or a pronoun left for the quote to
    resolve. A headline's entity may run over the verb ("Ted Cruz Refuses"); it stops
    there."""
    if head.lower_ in _RELATIVES and verb.dep_ == "relcl":
        antecedent = verb.head.head if verb.head.dep_ == "appos" else verb.head
        return _name_around(antecedent, verb) if antecedent.i < verb.i else None
    if head.lower_ in _PRONOUNS:
        return [head]
    if head.lower_ in _COUNTING or head.like_num:
        return None  # "Plenty of companies have embraced the idea", "Hundreds of delegates"
    if head.ent_type_ in _ACTOR_LABELS:
        for ent in head.doc.ents:
            if ent.start <= head.i < ent.end and ent.label_ in _ACTOR_LABELS:
                words = [t for t in ent if t.text not in ("’s", "'s") and t.i < verb.i]
                before = [
                    c
                    for c in head.lefts
                    if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < ent.start
                ]
                return [*before, *words] or None
    named = [c for c in head.lefts if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN"]
    initial = head.i == head.sent.start
    if head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.text[:1].isupper() and not initial):
        return [*named, head]  # "The Latest: Trump urges", the tagger reading Trump as a noun
    if head.pos_ == "NOUN" and named:
        return [*named, head]  # "Rose Bowl skywriters", "Indiana governor"
    return None  # "Those numbers offer a window", "Applicants must promise": no actor


def _name_before(token: Token, sentence: SpacySpan) -> list[Token] | None:
    """In a headline, the capitalised run ending just before the verb ("Conservative Icon
    Morton Blackwell Endorses ..." -> Morton Blackwell, the entity when one ends there;
    "Bolton and Gorka Slam"; "St. Paul Votes To Condemn" -> St. Paul); in "Clinton Wades
    In: Urges Britain ...", the name before the colon."""
    doc = sentence.doc
    i = token.i - 1
    if (
        i - 1 >= sentence.start
        and doc[i].lower_ == "to"
        and doc[i - 1].lower_.rstrip("s") in _CONTROLLERS
    ):
        i -= 2  # "Votes To Condemn": the voters condemn
    for ent in doc.ents:
        if ent.end == i + 1 and ent.start >= sentence.start and ent.label_ in _ACTOR_LABELS:
            words = [t for t in ent if t.text not in ("’s", "'s")]
            j = ent.start - 1
            while ent.label_ == "NORP" and j >= sentence.start and _CAPITALISED.match(doc[j].text):
                words.insert(0, doc[j])  # a group named by place: "Wyoming Republicans"
                j -= 1
            return words[-_ACTOR_WORDS:]
    words = []
    while i >= sentence.start and (
        (_CAPITALISED.match(doc[i].text) and doc[i].lower_ not in _FUNCTION_WORDS)
        or (
            doc[i].lower_ == "and"
            and words
            and i > sentence.start
            and doc[i - 1].text[:1].isupper()
        )
    ):
        words.insert(0, doc[i])
        i -= 1
    if not words and i >= sentence.start and doc[i].text in ("’s", "'s"):
        return None  # "Trump’s Support": a noun after a possessive
    if not words and i >= sentence.start and doc[i].text == ":":
        return _before_colon(sentence)
    while words and words[0].lower_ in _NOT_ACTOR_WORDS:
        words.pop(0)
    if not words and i >= sentence.start and doc[i].lower_ in _PRONOUNS:
        return [doc[i]]
    return words[-_ACTOR_WORDS:] or None


def _before_colon(sentence: SpacySpan) -> list[Token] | None:
    """The name a headline opens with before its colon ("Clinton: I support D.C.
    statehood", "Clinton Wades In: Urges ..."): who the headline has speaking."""
    colon = next((t for t in sentence if t.text == ":"), None)
    if colon is None or colon.i - sentence.start > _ACTOR_WORDS:
        return None
    for ent in sentence.doc.ents:
        if sentence.start <= ent.start and ent.end <= colon.i and ent.label_ in _ACTOR_LABELS:
            return _named_elsewhere(list(ent), sentence)
    words = [t for t in sentence.doc[sentence.start : colon.i] if _CAPITALISED.match(t.text)]
    return words[:1] or None


def _named_elsewhere(words: list[Token], sentence: SpacySpan) -> list[Token]:
    """The longest start of a headline's name that the article names outside the
    headline: in "Clinton Wades In: Urges Britain ..." the tagger reads "Clinton Wades" as
    a person; the article knows "Hillary Clinton", so the actor is "Clinton"."""
    outside = {
        w.lower_
        for ent in sentence.doc.ents
        if ent.start >= sentence.end or ent.end <= sentence.start
        for w in ent
    }
    if not outside:
        return words
    for end in range(len(words), 0, -1):
        if all(w.lower_ in outside for w in words[:end]):
            return words[:end]
    return words


def _bare(words: list[Token]) -> list[Token]:
    """A name without its article: "the Business Council of British Columbia"."""
    while len(words) > 1 and words[0].lower_ in ("the", "a", "an"):
        words = words[1:]
    return words


def _speaker_for(actor: list[Token], quotes: Sequence[Quote]) -> str | None:
    """The actor's name; a pronoun or "I"/"we" is the speaker of the quote that holds it or
    whose source it is, else nobody."""
    text = span_words_text(actor)
    if text.lower() not in _PRONOUNS:
        return text
    if text.lower() in _FIRST_PERSON:
        sentence = actor[0].sent
        speaker = _before_colon(sentence)
        if speaker is not None and speaker[-1].i < actor[0].i:
            return span_words_text(speaker)  # "Clinton: I support D.C. statehood"
    at = actor[0].idx
    for quote in quotes:
        if quote.speaker is None:
            continue
        source = quote.source_span
        inside = quote.content_span.start <= at < quote.content_span.end
        names = source is not None and source.start <= at < source.end
        if names or (inside and text.lower() in _FIRST_PERSON):
            return quote.speaker.canonical
    return None


def _target(
    token: Token, particle: Token | None, sentence: SpacySpan, headline: bool, titled: bool
) -> list[Token] | None:
    """What the stance is toward: the particle's object ("calls for *a ban*"), the direct
    object with what it is urged to do ("urges *Britain to remain*"), or the verb's clause
    ("refuses *to disavow ...*", "demanded *that Trump drop out*")."""
    if particle is not None and particle.lower_ == "on":
        return _trimmed(_words_after(particle, sentence))  # "calls on the U.S. to lead"
    if particle is not None and particle.dep_ in ("aux", "mark") and particle.head.i > particle.i:
        # "agreed to be acquired by Actavis", "called for the wage ... to be raised to $15"
        return _trimmed([w for w in _subtree(particle.head) if w.i > particle.i])
    if particle is not None:
        objects = [c for c in particle.children if c.dep_ in ("pobj", "pcomp", "dobj")]
        found = _subtree(objects[0]) if objects else None
        later = [c for c in token.children if c.dep_ in _CLAUSE_DEPS and c.i > particle.i]
        if found is not None and later:  # "called for the minimum wage ... to be raised to $15"
            found = list(token.doc[found[0].i : _subtree(later[0])[-1].i + 1])
        if found is None and particle.dep_ == "prt":
            found = _object_of(token)
        if found is None:
            found = _words_after(particle, sentence)
        return _trimmed(found)
    if not headline or (token.pos_ == "VERB" and not titled):
        found = _object_of(token)  # a headline in sentence case parses as one
        if found is not None:
            return _trimmed(found)
    return _trimmed(_words_after(token, sentence))


def _object_of(token: Token) -> list[Token] | None:
    direct = [c for c in token.children if c.dep_ in _OBJECT_DEPS]
    clause = [c for c in token.children if c.dep_ in _CLAUSE_DEPS]
    if direct:
        words = _subtree(direct[0])
        later = [c for c in clause if c.i > direct[0].i]
        if later:  # "urged Britain to remain in the union"
            return list(direct[0].doc[words[0].i : _subtree(later[0])[-1].i + 1])
        earlier = [c for c in clause if c.i < direct[0].i]
        if earlier:  # "promised to meet with us face to face", the parse splitting it
            return list(direct[0].doc[_subtree(earlier[0])[0].i : words[-1].i + 1])
        return words
    if clause:
        return _subtree(clause[0])
    return None


def _subtree(token: Token) -> list[Token]:
    return list(token.doc[token.left_edge.i : token.right_edge.i + 1])


def _words_after(token: Token, sentence: SpacySpan) -> list[Token] | None:
    """A headline's object: the words after the verb up to a clause break."""
    words: list[Token] = []
    for word in sentence.doc[token.i + 1 : sentence.end]:
        if _BREAK_PUNCT.match(word.text) or word.lower_ in _BREAK_WORDS:
            break
        if word.lower_ == "and" and words and word.i + 1 < sentence.end:
            following = sentence.doc[word.i + 1]
            if following.lower_ in stance_verbs() or following.pos_ in ("VERB", "AUX"):
                break  # "Backs Trump And Denounces Clinton", "... and said he had"
        words.append(word)
    return words or None


def _trimmed(words: list[Token] | None) -> list[Token] | None:
    """The object without a leading "that"/"to" and trailing punctuation, at most
    ``TARGET_WORDS`` words; none when it is only a pronoun ("backs him")."""
    words = [w for w in words or () if not w.is_space]
    colon = next((n for n, w in enumerate(words) if w.text in (":", ";")), None)
    if colon is not None:
        words = words[:colon]  # "to back Cruz: his son"
    while words and (words[0].lower_ in ("that", "to") or words[0].is_punct):
        words = words[1:]
    cut = next((n for n, w in enumerate(words) if "\n" in w.text_with_ws), None)
    if cut is not None:
        words = words[: cut + 1]  # an object never runs into the next paragraph
    while words and words[-1].is_punct and not _closes(words):
        words = words[:-1]
    if words and words[-1].pos_ in ("ADP", "DET"):
        words = _through_quote(words)  # "warned of the dangers of “owners of technology”"
    if not words or all(w.lower_ in _PRONOUNS or w.lower_ in _QUANTIFIERS for w in words):
        return None  # "backs him", "welcomed them all"
    if len(words) <= _VAGUE_WORDS and words[-1].lower_ in _PRONOUNS:
        return None  # "refuse to live in that": what "that" is lies elsewhere
    if len(words) <= _VAGUE_WORDS and words[-1].lemma_.lower() in _STANCE_NOUNS:
        return None  # "pledged his support": to whom lies elsewhere
    words = words[:TARGET_WORDS]
    while len(words) > 1 and (
        (words[-1].pos_ in ("ADP", "DET", "CCONJ") and words[-1].dep_ != "prt")
        or (words[-1].is_punct and not _closes(words))
        or (words[-1].ent_type_ in ("DATE", "TIME") and words[0].ent_type_ not in ("DATE", "TIME"))
    ):
        words = words[:-1]  # not after "to" or "the"; "endorsed Cruz Wednesday": Cruz
    following = words[-1].doc[words[-1].i + 1] if words[-1].i + 1 < len(words[-1].doc) else None
    opened = sum(w.text == "(" for w in words) > sum(w.text == ")" for w in words)
    if opened and following is not None and following.text == ")":
        words = [*words, following]  # "nonalignment (no foreign military bases)"
    return words


def _closes(words: list[Token]) -> bool:
    """Whether the last word closes a bracket the object opened: "nonalignment (no
    foreign military bases)" keeps its ")"."""
    return words[-1].text == ")" and any(w.text == "(" for w in words)


def _through_quote(words: list[Token]) -> list[Token]:
    """An object the parse cut before a quoted phrase, carried on to the clause's end."""
    doc, out = words[0].doc, list(words)
    for word in doc[words[-1].i + 1 : words[-1].sent.end]:
        if word.text in ",;." or "\n" in word.text_with_ws or len(out) >= TARGET_WORDS:
            break
        if not word.is_quote:
            out.append(word)
    return out


def span_words_text(words: Sequence[Token]) -> str:
    # the span's text is the doc's from the first word to the end of the last; Doc.text
    # would join the whole article's tokens on every call
    return words[0].doc[words[0].i : words[-1].i + 1].text
