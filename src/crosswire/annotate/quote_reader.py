"""The article under analysis: its parse, quote passages, speech cues and people,
and what the parse says a cue reports and who says it.

Every attribution finder reads the article through :class:`ParsedArticle`, so the
parse is walked one way for all of them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

from crosswire.annotate.known_people import Ranges
from crosswire.annotate.mentions import Mention
from crosswire.annotate.name_runs import name_head
from crosswire.annotate.speakers import PeopleIndex
from crosswire.annotate.speaking import document_about
from crosswire.model import QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
from crosswire.annotate.attribution_model import QuoteModels, cue_candidate
from crosswire.annotate.quote_content import (
    CONTENT_PREPS,
    closed_before,
    fronted_object,
    is_clausal,
    object_completed,
    opens_subordinate,
    own_left_edge,
    through_colon,
    with_coordinated,
    with_listed,
    with_negation,
    with_subject,
    without_as_done,
    without_aside,
    without_contrast,
)
from crosswire.annotate.quotemarks import Passage, paragraph_lines

_SPEAKER_PRONOUNS = frozenset({"he", "she"})


_TITLE_MAX_WORDS = 8


_APPEARANCE = frozenset({"seem", "appear", "look", "sound"})


_CUE_ADVERBS = frozenset({"also", "reportedly", "previously", "repeatedly", "later", "often"})


_MEDIA = frozenset(
    {"statement", "interview", "email", "letter", "post", "tweet", "speech", "release", "op-ed"}
)


_ASIDE_MARKS = frozenset({"—", "–", "--", ";", "(", ")"})


CueKind = Literal["verb", "phrase", "source"]


@dataclass(frozen=True)
class _Lexicon:
    verbs: frozenset[str]
    phrases: tuple[tuple[tuple[str, ...], CueKind], ...]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """The speech cues of ``data/speech_cues.tsv``; longer phrases are tried first."""
    text = (resources.files("crosswire.annotate") / "data" / "speech_cues.tsv").read_text("utf-8")
    verbs: set[str] = set()
    phrases: list[tuple[tuple[str, ...], CueKind]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, _, words = line.partition("\t")
        if kind == "verb":
            verbs.add(words.strip().lower())
        elif kind in ("phrase", "source"):
            phrases.append(
                (tuple(words.lower().split()), "phrase" if kind == "phrase" else "source")
            )
        else:
            raise ValueError(f"speech_cues.tsv:{number}: unknown cue kind {kind!r}")
    phrases.sort(key=lambda p: -len(p[0]))
    return _Lexicon(frozenset(verbs), tuple(phrases))


@dataclass(frozen=True)
class Cue:
    """A speech cue: tokens ``[start, end)``; ``head`` carries the speaker as subject
    (verbs, phrases) or, for a source cue ("according to"), is the preposition."""

    start: int
    end: int
    head: int
    kind: CueKind
    learned: bool = False  # found by the cue model, not the lexicon
    probability: float = 1.0  # the cue model's score of its head word


def _find_cues(doc: Doc) -> list[Cue]:
    lexicon = _lexicon()
    firsts = {phrase[0] for phrase, _ in lexicon.phrases}
    words = [t for t in doc if not t.is_space]
    cues: list[Cue] = []
    n = 0
    while n < len(words):
        token = words[n]
        found = None
        for phrase, kind in lexicon.phrases if token.lower_ in firsts else ():
            window = words[n : n + len(phrase)]
            if len(window) == len(phrase) and all(
                w.lower_ == p for w, p in zip(window, phrase, strict=True)
            ):
                head = next((w for w in window if w.pos_ == "VERB"), window[0])
                found = Cue(window[0].i, window[-1].i + 1, head.i, kind)
                n += len(phrase)
                break
        if found is None:
            if token.lemma_.lower() in lexicon.verbs and token.tag_.startswith("VB"):
                found = Cue(token.i, token.i + 1, token.i, "verb")
            n += 1
        if found is not None:
            cues.append(found)
    return cues


@dataclass(frozen=True)
class FoundAttribution:
    """An attribution before it becomes a :class:`Quote`."""

    kind: QuoteKind
    content: tuple[int, int]
    mention: Mention | None
    cue: Cue | None
    extent: int  # where the attribution's clause ends: a quote right after continues it
    source: tuple[int, int] | None = None  # the source as this sentence names it
    clause: tuple[int, int] | None = None  # a mixed quote's whole reported clause
    features: tuple[str, ...] = ()  # what the attribution model saw (reported speech)
    interruption: tuple[int, int] | None = None  # '," Scott said, "' inside a split quote


class ParsedArticle:
    """Offsets, sentences, cues and people of one parsed article."""

    def __init__(
        self,
        text: str,
        doc: Doc,
        passages: Sequence[Passage],
        models: QuoteModels,
        *,
        judged: bool = False,
    ) -> None:
        self.text = text
        self.doc = doc
        self.passages = list(passages)
        # between the marks: open + 1 .. close
        self._between = Ranges([(p.open + 1, p.close) for p in self.passages])
        self.models = models
        # reported-speech candidates go to the attribution model, which also sees
        # the ones without a source (PolNeAR marks many: "opposition to", "is seen as")
        self.judged = judged
        self.words = [t for t in doc if not t.is_space]
        self.starts = [t.idx for t in self.words]
        self.lines = paragraph_lines(text)
        self.line_starts = [s for s, _ in self.lines]
        self.cues = [self._scored(c) for c in _find_cues(doc) if not self.quoted(doc[c.start].idx)]
        self.cues = sorted(self.cues + self._learned_cues(), key=lambda c: c.start)
        self.cue_at = {c.head: c for c in self.cues}
        self.people = PeopleIndex(doc, skip=[(p.open, p.close) for p in self.passages])

    def _scored(self, cue: Cue) -> Cue:
        """A lexicon cue with the cue model's score of its word (an attribution feature)."""
        token = self.doc[cue.head]
        if not cue_candidate(token):
            return cue
        return replace(cue, probability=self.models.cue_probability(token))

    def _learned_cues(self) -> list[Cue]:
        """Cues the lexicon does not list but the learned model finds ("backed",
        "believes", "wants", "pointed to")."""
        covered = {i for c in self.cues for i in range(c.start, c.end)}
        heads = {c.head for c in self.cues}
        floor = self.models.cue_floor
        out = []
        for token in self.words:
            if token.i in covered or not cue_candidate(token) or self.quoted(token.idx):
                continue
            if token.dep_ == "pobj" and token.head.head.i in heads:
                continue  # "said *in a statement* that ...": the verb's, no cue of its own
            probability = self.models.cue_probability(token)
            if probability < floor:
                continue
            if token.lower_ == "according":
                following = token.doc[token.i + 1 : token.i + 2]
                if following and following[0].lower_ == "to":
                    out.append(Cue(token.i, token.i + 2, token.i, "source", True, probability))
                continue
            out.append(Cue(token.i, token.i + 1, token.i, "verb", True, probability))
        return out

    # positions

    def quoted(self, position: int) -> bool:
        """Inside a quoted passage (between its marks)."""
        return position in self._between

    def a_title(self, position: int) -> bool:
        """Inside quote marks that hold a title, not words said ("In his 2002 book,
        *"Make Your Kid a Millionaire,"* Mr. McKinley suggested looking at ...")."""
        return any(
            p.open < position < p.close and not_words_said(self.text[p.open + 1 : p.close])
            for p in self.passages
        )

    def line_of(self, position: int) -> tuple[int, int]:
        return self.lines[bisect_right(self.line_starts, position) - 1]

    def tokens(self, start: int, end: int) -> list[Token]:
        """Non-space tokens lying wholly within ``[start, end)``."""
        first = bisect_left(self.starts, start)
        out = []
        for token in self.words[first:]:
            if token.idx + len(token) > end:
                break
            out.append(token)
        return out

    def sentence(self, token: Token) -> tuple[int, int]:
        """The parser's sentence around ``token``, clipped to its paragraph."""
        line_start, line_end = self.line_of(token.idx)
        return max(token.sent.start_char, line_start), min(token.sent.end_char, line_end)

    def cue_span(self, cue: Cue) -> tuple[int, int]:
        last = self.doc[cue.end - 1]
        return self.doc[cue.start].idx, last.idx + len(last)

    def cue_words(self, cue: Cue, content: tuple[int, int]) -> tuple[int, int]:
        """The cue as written around its word: auxiliaries and negation before it ("has
        said", "did not respond"), particles and the preposition of its object after
        it ("pointed out", "called for"), and the medium or day ("said in a
        statement", "said Tuesday"); never into the content."""
        doc = self.doc
        inside = set(range(cue.start, cue.end))
        start = cue.start
        while start > 0:
            token = doc[start - 1]
            if token.head.i not in inside:
                break
            if token.dep_ in ("aux", "auxpass", "neg") or (
                token.dep_ == "advmod" and token.lower_ in _CUE_ADVERBS
            ):
                start -= 1
                continue
            break
        end = cue.end
        while end < len(doc):
            token = doc[end]
            if token.head.i not in inside or content[0] <= token.idx < content[1]:
                break
            if token.dep_ == "prt":
                end += 1
            elif token.dep_ == "prep" and token.lower_ in CONTENT_PREPS:
                end += 1
                break
            elif token.dep_ == "prep" and token.lower_ == "in":
                objects = [c for c in token.children if c.dep_ == "pobj"]
                if not objects or objects[0].lemma_.lower() not in _MEDIA:
                    break
                end = max(end, objects[0].right_edge.i + 1)
            elif token.dep_ == "npadvmod" and token.ent_type_ in ("DATE", "TIME"):
                end = token.right_edge.i + 1
            else:
                break
        first, last = doc[start], doc[max(start, end - 1)]
        span_start, span_end = first.idx, last.idx + len(last)
        if span_start < content[1] <= span_end or span_start <= content[0] < span_end:
            return self.cue_span(cue)
        return span_start, span_end

    def trim(self, start: int, end: int, drop: str) -> tuple[int, int]:
        if start > 0 and self.text[start - 1 : start + 1] == "''":
            start += 1  # inside a ''double mark''
        while start < end and (self.text[start].isspace() or self.text[start] in ",;:"):
            start += 1
        while end > start and (self.text[end - 1].isspace() or self.text[end - 1] in drop):
            end -= 1
        return start, end

    # speakers

    def subject(self, head: Token, depth: int = 0) -> Token | None:
        """The speaker slot of a cue verb, looking through "X was quoted as saying",
        "RIA quoted X as saying" and verbs sharing a subject ("said ... adding")."""
        line = self.line_of(head.idx)
        subjects = [
            c
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass")
            and not self.quoted(c.idx)
            and any(ch.isalnum() for ch in c.text)  # not a dash: "― Trump boasted"
        ]
        # a subject on a line above the paragraph is none ("5:45 p.m. / ...'s doctor is
        # calling"), though the parse may hang the paragraph's subject from it ("The
        # Latest ...: / 7 p.m. / Donald Trump is once again questioning")
        here = [c for c in subjects if self.line_of(c.idx) == line]
        if here:
            return here[0]
        for child in subjects:
            hung = [
                t
                for t in child.subtree
                if t.dep_ == "appos" and self.line_of(t.idx) == line and not t.text.isupper()
            ]
            if hung:
                return hung[0]
        if head.dep_ == "pcomp" and head.head.lower_ == "as" and head.head.head.lemma_ == "quote":
            quote = head.head.head
            for child in quote.children:
                if child.dep_ in ("dobj", "nsubjpass") and not self.quoted(child.idx):
                    return child
        if head.dep_ == "xcomp" and head.head.pos_ == "VERB":
            # "provocations prompted *NATO* to order", "urged *Congress* to act": who is
            # made to act is the object, not the subject
            objects = [c for c in head.head.children if c.dep_ == "dobj" and c.i < head.i]
            if objects and _agent(objects[0], self.people) and not self.quoted(objects[0].idx):
                return objects[0]
            before = head.doc[head.i - 1] if head.i > 0 else head
            if head.tag_ == "VBG" and before.dep_ == "pobj" and before.ent_type_ == "PERSON":
                # "The ad uses footage of *Hillary Clinton* asking, 'Why aren't I ...'":
                # the one the footage shows asks, not the ad
                return before
        if depth < 2 and _after_a_verb_and_comma(head):
            # "Sanders said, *suggesting* a few questions": the participle goes with the
            # verb before its comma, wherever else the parse hung it
            return self.subject(head.doc[head.i - 2], depth + 1)
        if depth < 2 and _complement_after_a_conjunction(head):
            # "Roberts said Friday that she thinks ... but *said* 'the question is the
            # timing'": the parse hung the second "said" as the first one's complement
            return self.subject(head.head, depth + 1)
        if depth < 2 and _goes_on(head) and self._told_on(head):
            # "She told ABC the tone of the interview was cordial ... and *predicted*
            # viewers 'will be ...'", "Cruz warned that the incident could foreshadow the
            # future with Iran, *remarking* that": the parse hung the verb on the clause
            # the cue reports
            return self.subject(head.head.head, depth + 1)
        if depth < 2 and head.dep_ == "conj" and (like := _coordinated_verb(head)) is not None:
            return self.subject(like, depth + 1)
        if depth < 2 and head.dep_ in ("conj", "advcl", "xcomp", "acomp") and head.head.i != head.i:
            # "acomp": "some Republicans, including Senator Lamar Alexander of Tennessee,
            # were *willing* to go forward" is the Republicans' will
            above = head.head
            if (
                head.tag_ == "VBG"
                and above.dep_ == "advcl"
                and above.head.i != above.i
                and any(c.dep_ == "mark" for c in above.children)
            ):
                # "a memo was released as the polls closed *stating* that": the
                # participle goes with the main clause, not the one "as" opens
                above = above.head
            return self.subject(above, depth + 1)
        if depth < 2 and head.dep_ == "pcomp" and head.head.dep_ == "prep":
            return self.subject(head.head.head, depth + 1)  # "X ..., *saying* that"
        if head.dep_ == "acl" and head.head.pos_ == "PROPN":
            return head.head  # "Murphy, the head of Right to Rise, tweeted on Friday"
        if head.dep_ == "acl" and head.head.pos_ == "NOUN" and head.tag_ == "VBG":
            noun = head.head
            if depth < 2 and _issued(noun):
                # "*she* issued a statement calling on the United States": the statement
                # speaks for whoever issued it
                issuer = self.subject(noun.head, depth + 1)
                if issuer is not None:
                    return issuer
            return noun  # "*recent polls* showing a tightening"
        if depth < 2 and head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.i != head.i:
            return self.subject(head.head, depth + 1)  # "*Sanders* is making the case that"
        return None

    def _told_on(self, verb: Token) -> bool:
        """Whether a coordinated verb hangs on a clause a cue reports, whose subject is a
        thing that cannot speak: it goes on with the cue's speaker."""
        clause = verb.head
        if clause.dep_ != "ccomp" or clause.head.i not in self.cue_at:
            return False
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return (
            subject is not None
            and subject.i < verb.i
            and subject.pos_ == "NOUN"
            and not _agent(subject, self.people)
        )

    def source_object(self, cue: Cue) -> Token | None:
        """The object of a source cue's last word ("according to *the White House*", "in
        the words of *one top staffer*", not its "words")."""
        for index in reversed(range(cue.start, cue.end)):
            for child in self.doc[index].children:
                if child.dep_ == "pobj":
                    return child
        for token in self.doc[cue.end : cue.end + 6]:
            if token.pos_ in ("NOUN", "PROPN"):
                return token
        return None

    def source_token(self, cue: Cue) -> Token | None:
        """The word heading the source phrase: subject, passive agent, possessor
        ("Clinton's claim"), or the object of "according to"."""
        if cue.kind == "source":
            return self.source_object(cue)
        head = self.doc[cue.head]
        subject = self.subject(head)
        if subject is not None and (cue.kind == "phrase" or not self.sourceless(head, subject)):
            if subject.lower_ in ("that", "which") and head.dep_ == "relcl":
                return document_about(head.head) or head.head  # "a headline that said"
            return subject
        for child in head.children:
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
            if child.dep_ == "poss" and head.pos_ == "NOUN":
                return child
        return None

    @staticmethod
    def sourceless(head: Token, subject: Token) -> bool:
        """A subject that is not the source: of a passive cue ("Reagan *was
        criticized*"), of a cue of appearance ("it *seems*"), or an expletive."""
        if subject.head.i == head.i and subject.dep_ == "nsubjpass":
            return True
        if is_passive(head):
            return True
        if head.lemma_.lower() in _APPEARANCE and not any(c.dep_ == "dobj" for c in head.children):
            return True  # "it *seems*", not "Obama *sounded* a call for ..."
        return subject.lower_ == "it" and subject.dep_ == "expl"

    def phrase(self, token: Token, avoid: tuple[int, int]) -> tuple[int, int] | None:
        """The noun phrase ``token`` heads (its subtree), kept off the token range
        ``avoid`` (the cue) and inside its paragraph."""
        first, last = token.left_edge.i, token.right_edge.i
        if first <= avoid[0] <= last:
            if token.i < avoid[0]:
                last = avoid[0] - 1
            else:
                first = max(first, avoid[1])
        line_start, line_end = self.line_of(token.idx)
        words = [
            t
            for t in self.doc[first : last + 1]
            if line_start <= t.idx < line_end and not t.is_space
        ]
        if not words:
            return None
        start, end = self.trim(words[0].idx, words[-1].idx + len(words[-1]), ",;:—–-")
        return (start, end) if start < end else None

    def source_span(self, cue: Cue, mention: Mention | None) -> tuple[int, int] | None:
        """Where this sentence names the source: the whole noun phrase when the parse
        has it, else the mention the speaker was resolved from."""
        token = self.source_token(cue)
        if token is not None and not token.is_punct:
            span = self.phrase(token, (cue.start, cue.end))
            if span is not None:
                return span
        return (mention.start, mention.end) if mention is not None else None

    def own_clause(self, words: list[Token], head: Token, clause: Token) -> list[Token]:
        """What a cue inside a free relative reports: its clause from after the cue, up
        to a clause coordinated to it with a cue of its own. In "the gap between what
        Trump says *his tax plan would do* and how experts say it would shape tax law"
        the fronted "what" is the cue's sentence's, the experts speak for themselves."""
        end = words[-1].i
        for conj in (c for c in clause.children if c.dep_ == "conj" and c.i > clause.i):
            if conj.i in self.cue_at and any(
                g.dep_ in ("nsubj", "nsubjpass") for g in conj.children
            ):
                end = min(end, conj.left_edge.i - 1)
                cc = [c for c in clause.children if c.dep_ == "cc" and c.i < conj.i]
                end = min([end] + [c.i - 1 for c in cc])
        return [w for w in words if head.i < w.i <= end]

    def content_of(self, cue: Cue) -> tuple[int, int] | None:
        """What a cue reports (see :meth:`reported`)."""
        found = self.reported(cue)
        return found[0] if found is not None else None

    def reported(self, cue: Cue, *, completed: bool = True) -> tuple[tuple[int, int], str] | None:
        """What a cue reports, from the parse: its clausal complement ("said *that
        ...*"), else its infinitive ("wants *to ...*"), object ("backed *the
        bill*") or prepositional object ("called for *a ban*"); after the fact,
        the clause it comments on ("*..., * sources said")."""
        head = self.doc[cue.head]
        children = [c for i in range(cue.start, cue.end) for c in self.doc[i].children]
        chosen: list[Token] = []
        if head.pos_ == "NOUN":  # "his claim *that ...*", "her decision *to ...*"
            chosen = [c for c in children if c.dep_ == "acl" and c.i > head.i and is_clausal(c)]
        for deps in (("ccomp",), ("xcomp",), ("dobj",), ("oprd",)):
            if chosen:
                break
            chosen = [
                c
                for c in children
                if c.dep_ in deps
                and not c.is_punct
                and not _complement_after_a_conjunction(c)
                and c.ent_type_ not in ("DATE", "TIME")
                and not closed_before(c, head)
                and not self.a_title(c.idx)
            ]
        if not chosen and head.pos_ == "NOUN" and head.dep_ == "dobj":
            # a light verb's object: "gave a shout out *to* ...", "pay attention *to* ..."
            children += [c for c in head.head.children if c.dep_ == "prep" and c.i > head.i]
        if not chosen:
            for prep in (c for c in children if c.dep_ == "prep" and c.i > head.i):
                if prep.lower_ in CONTENT_PREPS:
                    chosen = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
                    if chosen:
                        break
        chosen = self.after_narration(head, chosen)
        if chosen and chosen[0].dep_ == "ccomp":
            chosen = with_subject(chosen, children)
        if chosen and chosen[0].dep_ == "dobj":
            # "described him *as* ...", "praised her *for* ...": the object's complement
            chosen += [
                c
                for c in children
                if c.i > chosen[0].i
                and (
                    c.dep_ in ("oprd", "xcomp") or (c.dep_ == "prep" and c.lower_ in ("as", "for"))
                )
            ]
            chosen += object_completed(chosen, children) if completed else []
        if not chosen and is_passive(head):
            # "*He* was backed by ...", "*the bill* was criticized": what the
            # attribution is about is the passive subject
            chosen = [c for c in children if c.dep_ == "nsubjpass" and not self.quoted(c.idx)]
        if chosen:
            first = min(c.left_edge.i for c in chosen)
            last = max(c.right_edge.i for c in chosen)
            if chosen[0].dep_ == "xcomp" and self.doc[first].lower_ == "to" and first < last:
                first += 1  # "wants *to run*": PolNeAR's content starts after "to"
            if last < head.i and head.dep_ == "conj" and head.head.left_edge.i < first:
                # "Clinton had told police ..., but the NYPD overruled that request, the
                # source added": the parse joined the cue to the first clause; it closes
                # the sentence and reports all of it
                first = head.head.left_edge.i
        elif head.dep_ == "relcl" and head.head.i < head.i and head.head.pos_ in ("NOUN", "PRON"):
            # "*the kind of story* many Latinos expected": what the relative clause's
            # cue is about is the noun it describes
            first, last, kind = head.head.left_edge.i, head.left_edge.i - 1, "relcl"
        elif opens_subordinate(head) and head.head.i > head.i:
            # "Trump — even as he says *his experience ... makes him qualified* — has
            # proposed little": the parse made the cue's complement govern its own
            # subordinate clause; what the cue reports runs from it to a dash or the
            # clause's end, never back over the sentence that holds the aside
            first, last, kind = cue.end, head.head.right_edge.i, "ccomp"
            stop = next((t.i for t in self.doc[first : last + 1] if t.text in _ASIDE_MARKS), None)
            last = stop - 1 if stop is not None else last
        elif head.dep_ in ("parataxis", "ccomp", "advcl") and head.head.left_edge.i < (
            own_left_edge(head)
        ):
            # "..., officials said" or, parenthetical, "The plan, a source said, is ..."
            governor = head.head
            if (
                governor.dep_ == "advcl"
                and opens_subordinate(governor)
                and governor.head.i > head.i
            ):
                governor = governor.head  # "Though it was seamless, he said, replacing ..."
            while (
                governor.dep_ == "conj"
                and governor.head.i < governor.i
                and governor.right_edge.i <= head.right_edge.i + 1
            ):  # "Clinton had told police ..., but the NYPD overruled it, the source added"
                governor = governor.head
            first, last = governor.left_edge.i, governor.right_edge.i
            if last <= head.right_edge.i + 1:
                last = head.left_edge.i - 1
            kind = "before" if last < head.i else "around"
        else:
            return None
        if chosen:
            kind = chosen[0].dep_ if chosen[0].dep_ != "pobj" else f"prep:{chosen[0].head.lower_}"
        line_start, line_end = self.line_of(head.idx)
        words = [
            t
            for t in self.doc[first : last + 1]
            if line_start <= t.idx < line_end and not t.is_space and not cue.start <= t.i < cue.end
        ]
        while kind in ("before", "around") and words and words[0].dep_ == "cc":
            words = words[1:]  # "*But* the economic weapons ..., he added, are": the writer's
        if not words:
            return None
        if chosen and chosen[0].dep_ == "ccomp" and words[0].i > head.i:
            words = with_coordinated(self, words, line_end)
        if chosen and chosen[0].dep_ == "ccomp" and fronted_object(words[0], head, chosen[0]):
            words = self.own_clause(words, head, chosen[0])
        if chosen and chosen[-1].pos_ in ("NOUN", "PROPN") and words[0].i > head.i:
            words = with_listed(self, words, line_end)
        if chosen and words[0].i > head.i:
            words = through_colon(self, words, line_end)
        words = without_contrast(self, without_aside(words, head), head)
        words = without_as_done(self, words)
        while len(words) > 1 and words[-1].dep_ == "cc":
            # "she thinks the video should be released *but* said", "urges her husband to
            # come out of the car *and* repeatedly says": the writer's joint, not the words
            words = words[:-1]
        start, end = self.trim(words[0].idx, words[-1].idx + len(words[-1]), ",;:—–-.")
        end = with_negation(self.text, end)
        return ((start, end), kind) if start < end else None

    def after_narration(self, head: Token, chosen: list[Token]) -> list[Token]:
        """Complements on both sides of a cue, where the one before is the reporter's
        narration the parse hung on it: an adverbial clause ("*While he acknowledged
        funding was a major reason ...*, Ham also noted several intangibles left him
        disillusioned", "*Writing for a panel ...*, Barabak noted that") or a sentence
        ended by a semicolon or colon ("*It's an extremely unlikely scenario*;
        Clinton's team says she'll ..."). What the cue reports is the one after it; a
        fronted quote ("Mills "got an immunity agreement," Jordan said, and ...") stays."""
        line = self.line_of(head.idx)
        after = [c for c in chosen if c.i > head.i and self.line_of(c.idx) == line]
        before = [c for c in chosen if c.i < head.i]
        if not after or not before:
            return chosen
        for clause in before:
            words = self.doc[clause.left_edge.i : clause.right_edge.i + 1]
            first = next((t for t in words if t.idx >= line[0] and not t.is_space), clause)
            between = self.doc[clause.right_edge.i + 1 : head.i]
            opening = first.dep_ == "mark" or first.tag_ in ("VBG", "VBN", "MD")
            if not opening and not any(t.text in (";", ":") for t in between):
                return chosen
        return [c for c in chosen if c.i > head.i]

    def speaker(self, cue: Cue, region: Sequence[Token], *, tail: bool = False) -> Mention | None:
        """Who a cue attributes speech to; nearby proper nouns if the parse has no subject
        (or, after a quote, the name that opens the attribution: "..., Trump, the
        frontrunner, said")."""
        if cue.kind == "source":
            obj = self.source_object(cue)
            return self.people.source_in(obj) if obj is not None else None
        head = self.doc[cue.head]
        subject = self.subject(head)
        phrase = cue.kind == "phrase"  # "was quoted as saying": its subject speaks
        if is_passive(head) and subject is None and not phrase:
            return None  # "Asked about it, ...", "is expected to": no one named
        if subject is not None and not phrase and self.sourceless(head, subject):
            agent = self.source_token(cue)
            return self.people.mention(agent) if agent is not None else None
        if subject is not None:
            # the parse names the source: when it is no one ("one might think", "they"),
            # a neighbouring name is not the speaker either
            return self.people.together(subject)
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and head.pos_ == "NOUN":
            return self.people.mention(owner)  # "*Trump's* implicit endorsement of"
        after = [t for t in region if t.i >= cue.end][:1]
        if after and after[0].ent_type_ in ("DATE", "TIME"):
            after = []  # "..., Tulsa police Chief Chuck Jordan said *Monday*": a day says nothing
        if after and after[0].pos_ == "DET" and after[0].head.i > after[0].i:
            after = [after[0].head]  # "..., said the 46-year-old"
        if after and _addressee(after[0], head):
            after = []  # "Trump told *CNN*": the one spoken to never speaks
        before = [t for t in region if t.i < cue.start]
        while before and (before[-1].pos_ in ("ADV", "AUX", "PART") or before[-1].text == ")"):
            if before.pop().text == ")":  # "Paul Ryan (R-WI) said"
                while before and before.pop().text != "(":
                    pass
        if len(before) > 1 and before[-1].text == "," and before[-2].pos_ == "PROPN":
            before.pop()  # "her adviser, Jake Sullivan, said"
        opening = [t for t in region if not t.is_punct][:1] if tail else []
        for token in after + before[-1:] + opening:
            if token.lower_ in _SPEAKER_PRONOUNS or token.pos_ == "NOUN":
                return self.people.mention(token)
            if token.pos_ == "PROPN":
                return self.people.mention(name_head(token))
        return None


def _coordinated_verb(verb: Token) -> Token | None:
    """The verb a coordinated verb goes with when the parse hung it on a clause of
    another form: "to accuse Clinton's campaign of being "duped" ... and *encourage*
    Americans", hung on "duped", goes with "accuse". None when the parse's own head has
    a subject or the same form."""
    head = verb.head
    if head.tag_ == verb.tag_ or any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        return None
    # not a relative clause's verb: its subject is a "that" standing for a thing
    like = (a for a in head.ancestors if a.pos_ == "VERB" and a.tag_ == verb.tag_)
    return next((a for a in like if a.dep_ != "relcl"), None)


def _complement_after_a_conjunction(verb: Token) -> bool:
    """Whether a verb the parse made a complement of a verb of its own form follows
    "and" or "but", so that it is coordinated with it: "said that she thinks ... but
    *said*"."""
    before = verb.doc[verb.i - 1] if verb.i > 0 else None
    return (
        verb.dep_ == "ccomp"
        and verb.tag_ == verb.head.tag_
        and before is not None
        and before.lower_ in ("and", "but")
    )


def _after_a_verb_and_comma(participle: Token) -> bool:
    """Whether a participle follows a verb and a comma that it does not govern:
    "said, *suggesting*", "said, *going on* to say"."""
    if participle.tag_ != "VBG" or participle.i < 2:
        return False
    verb, comma = participle.doc[participle.i - 2], participle.doc[participle.i - 1]
    return comma.text == "," and verb.pos_ == "VERB" and verb.head.i != participle.i


def _agent(token: Token, people: PeopleIndex) -> bool:
    """Whether a word can be someone made to act: a name, a body, a person, a group
    ("prompted *NATO* to order", "left many E.U. *nations* feeling"), not a thing used
    ("using *the example of Chicago* to prove")."""
    if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if token.tag_ == "NNS":
        return True
    mention = people.mention(token)
    return mention is not None and mention.person


def _addressee(token: Token, cue: Token) -> bool:
    """Whether ``token`` is who the cue speaks to or about: its object ("told *CNN*",
    "telling *one aide*") or the object of its "to" ("said *to voters*")."""
    if token.head.i == cue.i and token.dep_ in ("dobj", "dative", "iobj"):
        return True
    return (
        token.dep_ == "pobj" and token.head.head.i == cue.i and token.head.lower_ in ("to", "about")
    )


def is_passive(head: Token) -> bool:
    """A cue in the passive, whose subject is not who speaks: "was asked", "is
    expected to", a sentence opening "Asked about ..."."""
    if head.tag_ != "VBN":
        return False
    if any(c.dep_ == "auxpass" for c in head.children):
        return True
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in head.children):
        return False  # "While his advisers *have suggested* ...": the perfect is active
    return head.dep_ in ("acomp", "advcl", "acl", "amod")


#: The words a title leaves in lower case ("Meet the Press", "Orange is the New Black").
_TITLE_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for by with from as is are was be vs via into "
    "over up off per".split()
)


#: What someone issues in their own name, and the verbs that issue it: "she issued a
#: statement calling on", "the campaign released a memo saying", "he sent a letter urging".
_ISSUED_NOUNS = frozenset(
    {"statement", "letter", "memo", "memorandum", "release", "tweet", "message", "note", "email"}
)
_ISSUING_VERBS = frozenset(
    {"issue", "release", "send", "post", "publish", "write", "pen", "sign", "put", "tweet"}
)


def _goes_on(verb: Token) -> bool:
    """A verb that may go on from the one before it: a conjunct ("and predicted") or a
    participle after a comma (", remarking that")."""
    if verb.dep_ == "conj":
        return True
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i > 0 and verb.nbor(-1).text == ","


def _issued(noun: Token) -> bool:
    """A statement, letter or memo its sentence says someone issued."""
    return (
        noun.dep_ == "dobj"
        and noun.lemma_.lower() in _ISSUED_NOUNS
        and noun.head.lemma_.lower() in _ISSUING_VERBS
    )


def not_words_said(inner: str) -> bool:
    """Quoted text that is not words anyone said: no letters (tweet ids, dates),
    or a title in title case ("Meet the Press", "Orange is the New Black")."""
    inner = inner.strip().rstrip(",;:")
    words = inner.split()
    if not any(c.isalpha() for c in inner):
        return True
    if len(words) > _TITLE_MAX_WORDS or inner[-1:] in (".", "!", "?"):
        return False
    # a title capitalises every word but the small ones ("Orange is the New Black"); a
    # short quote that only opens with a capital is words said ("He's a new dad,")
    major = [w.strip("‘’'()") for w in words[1:]]
    major = [w for w in major if w and w.lower() not in _TITLE_SMALL_WORDS]
    return words[0][:1].isupper() and all(w[:1].isupper() or not w[:1].isalpha() for w in major)
