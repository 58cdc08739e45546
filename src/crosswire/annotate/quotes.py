"""Quotes and who said them: direct, mixed and indirect attributions.

Quoted passages are found from the quote marks themselves, paragraph by
paragraph, because the parser's sentences often split or merge around quote
marks. Marks are paired in order within a paragraph whatever their direction,
which also repairs a closing mark typed as an opening one ("... interests
“In a video address, Zelensky stated."). Who said a passage is read from the
dependency parse near it: a speech cue (lexicon in ``data/speech_cues.tsv``)
and its subject, after the quote ("..., Mr Peskov was quoted as saying"),
before it ("told state television: ..."), governing it (a partial quote
inside reported speech), or inherited from the attribution right before it
(a quote continuing the same speaker's words). Names are resolved with
:class:`~crosswire.annotate.speakers.PeopleIndex`.

Reported speech without quote marks is found in two learned steps, both
trained on PolNeAR train only (``bench/quotes/``): a cue model scores every
content word as a possible cue ("said", "believes", "backed", "poll
*showing*"), and each candidate it proposes, with the content and source the
parse gives it, is judged as a whole by an attribution model (how the content
came out of the parse, what kind of source names it, whether it sits inside
another candidate's content).
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

from crosswire.annotate.speakers import AliasTable, Mention, PeopleIndex, load_aliases, name_head
from crosswire.annotate.speaking import speaking_nouns
from crosswire.annotate.stances import stance_verbs
from crosswire.annotate.tables import data_lines
from crosswire.model import Article, Quote, QuoteKind, Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MARKS = '"“”„«»'
_OPENERS = '"“„«'
_SENTENCE_END = frozenset({".", "!", "?"})
_LEAD_ENDS = frozenset({":", ",", "—", "–"})
_GAP_CHARS = frozenset(MARKS + "’'.!?)") | frozenset(" \t\r\n")
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SPEAKER_PRONOUNS = frozenset({"he", "she"})
_MAX_CLIMB = 12
_MIN_UNATTRIBUTED_WORDS = 3
_TITLE_MAX_WORDS = 8
_APPEARANCE = frozenset({"seem", "appear", "look", "sound"})
_CUE_ADVERBS = frozenset({"also", "reportedly", "previously", "repeatedly", "later", "often"})
_MEDIA = frozenset(
    {"statement", "interview", "email", "letter", "post", "tweet", "speech", "release", "op-ed"}
)
_HEADLINE_MAX_WORDS = 20
_HEADLINE_MAX_NAME = 4
_CONTENT_PREPS = frozenset({"for", "to", "about", "of", "against", "on", "with", "over"})
_SIGNATURE_DASHES = "―—–"
_SIGNATURE_MAX_WORDS = 5
_BARE_MAX_WORDS = 2  # "Having said *that*": a word or two with no source is no claim
_STATEMENT_CLASSES = ("words", "views", "wishes", "stances", "findings", "topics")
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_COLUMN_WORDS = frozenset(
    {"guide", "latest", "analysis", "review", "update", "explainer", "factbox", "timeline"}
)
_WH_WORDS = frozenset({"how", "why", "whether", "when", "where"})
_WRITERS_VERBS = frozenset({"do", "happen", "occur"})  # ", which the police have not done"
_HEDGES = frozenset({"perhaps", "maybe", "possibly", "presumably"})  # the writer's guess
_ASKING = frozenset({"ask", "wonder", "question", "inquire"})  # a question asked is said
_TITLE_CUES = frozenset({"title", "entitle", "headline"})  # a paper *titled* "How to ..."
_SPLIT_QUOTE_WORDS = 8  # '," said Sen. Ben Sasse (R-Neb.), "' between two halves
_ASIDE_MARKS = frozenset({"—", "–", "--", ";", "(", ")"})
_NOUN_MODIFIERS = frozenset({"det", "amod", "compound", "nummod", "poss", "case"})

CueKind = Literal["verb", "phrase", "source"]


# --- lexicon --------------------------------------------------------------------------------


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
class _Cue:
    """A speech cue: tokens ``[start, end)``; ``head`` carries the speaker as subject
    (verbs, phrases) or, for a source cue ("according to"), is the preposition."""

    start: int
    end: int
    head: int
    kind: CueKind
    learned: bool = False  # found by the cue model, not the lexicon
    probability: float = 1.0  # the cue model's score of its head word


def _find_cues(doc: Doc) -> list[_Cue]:
    lexicon = _lexicon()
    firsts = {phrase[0] for phrase, _ in lexicon.phrases}
    words = [t for t in doc if not t.is_space]
    cues: list[_Cue] = []
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
                found = _Cue(window[0].i, window[-1].i + 1, head.i, kind)
                n += len(phrase)
                break
        if found is None:
            if token.lemma_.lower() in lexicon.verbs and token.tag_.startswith("VB"):
                found = _Cue(token.i, token.i + 1, token.i, "verb")
            n += 1
        if found is not None:
            cues.append(found)
    return cues


# --- learned cues ---------------------------------------------------------------------------

CUE_MODEL = "cue_model.json"
ATTRIBUTION_MODEL = "attribution_model.json"
CUE_THRESHOLD = 0.5
_CUE_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
_ARGUMENT_DEPS = ("ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "prep", "advcl", "poss")
_PRONOUN_CLASS = {"he": "PER", "she": "PER", "i": "PER", "we": "PER", "they": "PLU", "it": "IT"}


def cue_candidate(token: Token) -> bool:
    """Tokens the cue model scores: content words, and "according"."""
    return token.pos_ in _CUE_POS or token.lower_ == "according"


def _argument_class(token: Token) -> str:
    if token.lower_ in _PRONOUN_CLASS:
        return _PRONOUN_CLASS[token.lower_]
    if token.ent_type_:
        return token.ent_type_
    return token.pos_


def cue_features(token: Token, quoted: bool) -> list[str]:
    """What the cue model sees of one token: its word, its place in the parse, and
    the kinds of argument it takes (a clause, a person as subject...)."""
    lemma = token.lemma_.lower()
    head = token.head
    doc = token.doc
    features = [
        "bias",
        f"l={lemma}",
        f"p={token.pos_}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"ld={lemma}|{token.dep_}",
        f"lt={lemma}|{token.tag_}",
        f"hd={head.dep_}|{token.dep_}",
        f"hl={head.lemma_.lower()}|{token.dep_}",
    ]
    if quoted:
        features += ["q", f"ql={lemma}"]
    if token.i > 0:
        prev = doc[token.i - 1]
        features += [f"w-1={prev.lower_}", f"lw-1={lemma}|{prev.lower_}"]
    if token.i + 1 < len(doc):
        after = doc[token.i + 1]
        features += [f"w+1={after.lower_}", f"lw+1={lemma}|{after.lower_}", f"p+1={after.pos_}"]
    deps = set()
    for child in token.children:
        dep = child.dep_
        if dep not in _ARGUMENT_DEPS:
            continue
        deps.add(dep)
        kind = _argument_class(child)
        features += [f"c={dep}|{kind}", f"lc={lemma}|{dep}"]
        if dep == "prep":
            features.append(f"lp={lemma}|{child.lower_}")
        if dep == "ccomp":
            marks = [g.lower_ for g in child.children if g.dep_ == "mark"]
            features.append(f"cm={marks[0] if marks else '-'}")
            features.append(f"lcq={lemma}|{'q' if _has_quote(child) else '-'}")
        if dep in ("nsubj", "nsubjpass"):
            features.append(f"ls={lemma}|{kind}")
    shape = ",".join(sorted(deps))
    features += [f"cs={shape}", f"lcs={lemma}|{shape}"]
    if token.i > 1:
        features.append(f"w-2={doc[token.i - 2].lower_}|{doc[token.i - 1].lower_}")
    return features


def _has_quote(token: Token) -> bool:
    doc = token.doc
    return any(t.text in MARKS for t in doc[token.left_edge.i : token.right_edge.i + 1])


@dataclass(frozen=True)
class QuoteModels:
    """The two learned models of attribution extraction, both trained on PolNeAR
    train only (``bench/quotes/train_cues.py``, ``bench/quotes/train_attributions.py``).

    ``cue_weights`` score each word as a cue; a word scoring at least
    ``cue_floor`` becomes a candidate. ``attribution_weights`` then score each
    candidate reported-speech attribution as a whole (the cue's score, how its
    content and source came out of the parse), and those scoring at least
    ``attribution_threshold`` are kept. Empty ``attribution_weights`` keep
    every candidate (the cue floor alone decides).
    """

    cue_weights: dict[str, float]
    cue_floor: float
    attribution_weights: dict[str, float]
    attribution_threshold: float

    def cue_probability(self, token: Token, quoted: bool = False) -> float:
        return _logistic(self.cue_weights, cue_features(token, quoted))

    def attribution_probability(self, features: Sequence[str]) -> float:
        return _logistic(self.attribution_weights, features)


def _logistic(weights: dict[str, float], features: Sequence[str]) -> float:
    score = sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def _model_file(name: str) -> dict[str, object]:
    path = resources.files("crosswire.annotate") / "data" / name
    data: dict[str, object] = json.loads(path.read_text("utf-8"))
    return data


@lru_cache(maxsize=1)
def load_models() -> QuoteModels:
    """The bundled models (``data/cue_model.json``, ``data/attribution_model.json``)."""
    cue = _model_file(CUE_MODEL)
    attribution = _model_file(ATTRIBUTION_MODEL)
    cue_weights = cue["weights"]
    weights = attribution["weights"]
    floor = attribution.get("cue_floor", cue.get("threshold", CUE_THRESHOLD))
    threshold = attribution["threshold"]
    assert isinstance(cue_weights, dict) and isinstance(weights, dict)
    assert isinstance(floor, float) and isinstance(threshold, float)
    return QuoteModels(cue_weights, floor, weights, threshold)


def cue_probability(token: Token, quoted: bool) -> float:
    """How likely ``token`` is the cue of an attribution, by the learned model."""
    return load_models().cue_probability(token, quoted)


# --- quote marks ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A quoted passage: ``open`` is its opening mark, ``close`` its closing mark
    (or the paragraph end when the closing mark is missing)."""

    open: int
    close: int


def _lines(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        out.append((position, position + len(line)))
        position += len(line) + 1
    return out


def _first_char(text: str, start: int, end: int) -> int | None:
    for index in range(start, end):
        if not text[index].isspace():
            return index
    return None


def quoted_passages(text: str) -> list[Passage]:
    """Pair the double quote marks of ``text``, paragraph (line) by paragraph.

    Marks pair in order within a paragraph. An unpaired last mark continues
    into the next paragraph when that one starts with an opening mark (a
    quote running over several paragraphs), or into the next line when that
    line also has an unpaired mark (a hard-wrapped paragraph); otherwise it
    is dropped. Single marks are never paired: they are apostrophes or
    nested quotes; two in a row (``''``, the New York Times' archive style)
    are a double mark, whose first character stands for it.
    """
    text = text.replace("''", "\"'")  # same length: offsets stay the article's
    lines = _lines(text)
    marks = [[i for i in range(s, e) if text[i] in MARKS] for s, e in lines]
    nonempty = [n for n, (s, e) in enumerate(lines) if text[s:e].strip()]

    def continuation(n: int) -> Literal["paragraph", "wrap"] | None:
        later = [m for m in nonempty if m > n]
        if not later:
            return None
        following = later[0]
        start, end = lines[following]
        first = _first_char(text, start, end)
        if first is not None and text[first] in _OPENERS:
            return "paragraph"
        if following == n + 1 and len(marks[following]) % 2 == 1:
            return "wrap"
        return None

    out: list[Passage] = []
    pending: int | None = None
    mode: Literal["paragraph", "wrap"] | None = None
    for n, (start, end) in enumerate(lines):
        line_marks = list(marks[n])
        curly = [i for i in line_marks if text[i] in "“”"]
        if 0 < len(curly) < len(line_marks) and _alternating(text, curly):
            # straight and curly marks mixed: the curly ones pair among themselves, a
            # quote inside a straight-quoted paragraph ("... what she called a “rant,” ...)
            out += [Passage(a, b) for a, b in zip(curly[0::2], curly[1::2], strict=True)]
            line_marks = [i for i in line_marks if i not in curly]
        if pending is not None:
            if (
                mode == "paragraph"
                and line_marks
                and line_marks[0] == _first_char(text, start, end)
            ):
                line_marks = line_marks[1:]
            if not line_marks:
                if text[start:end].strip():
                    mode = continuation(n)
                    if mode != "paragraph":
                        out.append(Passage(pending, end))
                        pending, mode = None, None
                continue
            out.append(Passage(pending, line_marks[0]))
            line_marks = line_marks[1:]
            pending, mode = None, None
        for a, b in zip(line_marks[0::2], line_marks[1::2], strict=False):
            out.append(Passage(a, b))
        if len(line_marks) % 2 == 1:
            mode = continuation(n)
            pending = line_marks[-1] if mode else None
    return sorted(out, key=lambda p: p.open)


def _alternating(text: str, marks: Sequence[int]) -> bool:
    """Curly marks that open and close in turn: “ ” “ ”."""
    return len(marks) % 2 == 0 and all(
        text[i] == ("“" if n % 2 == 0 else "”") for n, i in enumerate(marks)
    )


# --- the article under analysis -------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    """An attribution before it becomes a :class:`Quote`."""

    kind: QuoteKind
    content: tuple[int, int]
    mention: Mention | None
    cue: _Cue | None
    extent: int  # where the attribution's clause ends: a quote right after continues it
    source: tuple[int, int] | None = None  # the source as this sentence names it
    clause: tuple[int, int] | None = None  # a mixed quote's whole reported clause
    features: tuple[str, ...] = ()  # what the attribution model saw (reported speech)
    interruption: tuple[int, int] | None = None  # '," Scott said, "' inside a split quote


class _Reader:
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
        self.models = models
        # reported-speech candidates go to the attribution model, which also sees
        # the ones without a source (PolNeAR marks many: "opposition to", "is seen as")
        self.judged = judged
        self.words = [t for t in doc if not t.is_space]
        self.starts = [t.idx for t in self.words]
        self.lines = _lines(text)
        self.line_starts = [s for s, _ in self.lines]
        self.cues = [self._scored(c) for c in _find_cues(doc) if not self.quoted(doc[c.start].idx)]
        self.cues = sorted(self.cues + self._learned_cues(), key=lambda c: c.start)
        self.cue_at = {c.head: c for c in self.cues}
        self.people = PeopleIndex(doc, skip=[(p.open, p.close) for p in self.passages])

    def _scored(self, cue: _Cue) -> _Cue:
        """A lexicon cue with the cue model's score of its word (an attribution feature)."""
        token = self.doc[cue.head]
        if not cue_candidate(token):
            return cue
        return replace(cue, probability=self.models.cue_probability(token))

    def _learned_cues(self) -> list[_Cue]:
        """Cues the lexicon does not list but the learned model finds ("backed",
        "believes", "wants", "pointed to")."""
        covered = {i for c in self.cues for i in range(c.start, c.end)}
        floor = self.models.cue_floor
        out = []
        for token in self.words:
            if token.i in covered or not cue_candidate(token) or self.quoted(token.idx):
                continue
            probability = self.models.cue_probability(token)
            if probability < floor:
                continue
            if token.lower_ == "according":
                following = token.doc[token.i + 1 : token.i + 2]
                if following and following[0].lower_ == "to":
                    out.append(_Cue(token.i, token.i + 2, token.i, "source", True, probability))
                continue
            out.append(_Cue(token.i, token.i + 1, token.i, "verb", True, probability))
        return out

    # positions

    def quoted(self, position: int) -> bool:
        """Inside a quoted passage (between its marks)."""
        return any(p.open < position < p.close for p in self.passages)

    def a_title(self, position: int) -> bool:
        """Inside quote marks that hold a title, not words said ("In his 2002 book,
        *"Make Your Kid a Millionaire,"* Mr. McKinley suggested looking at ...")."""
        return any(
            p.open < position < p.close and _not_speech(self.text[p.open + 1 : p.close])
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

    def cue_span(self, cue: _Cue) -> tuple[int, int]:
        last = self.doc[cue.end - 1]
        return self.doc[cue.start].idx, last.idx + len(last)

    def cue_words(self, cue: _Cue, content: tuple[int, int]) -> tuple[int, int]:
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
            elif token.dep_ == "prep" and token.lower_ in _CONTENT_PREPS:
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
        for child in head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and not self.quoted(child.idx):
                if not any(c.isalnum() for c in child.text):
                    continue  # a dash the tagger took for a noun: "― Trump boasted"
                return child
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
        if depth < 2 and head.dep_ in ("conj", "advcl", "xcomp", "acomp") and head.head is not head:
            # "acomp": "some Republicans, including Senator Lamar Alexander of Tennessee,
            # were *willing* to go forward" is the Republicans' will
            return self.subject(head.head, depth + 1)
        if depth < 2 and head.dep_ == "pcomp" and head.head.dep_ == "prep":
            return self.subject(head.head.head, depth + 1)  # "X ..., *saying* that"
        if head.dep_ == "acl" and head.head.pos_ == "PROPN":
            return head.head  # "Murphy, the head of Right to Rise, tweeted on Friday"
        if head.dep_ == "acl" and head.head.pos_ == "NOUN" and head.tag_ == "VBG":
            return head.head  # "*recent polls* showing a tightening"
        if depth < 2 and head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head is not head:
            return self.subject(head.head, depth + 1)  # "*Sanders* is making the case that"
        return None

    def source_object(self, cue: _Cue) -> Token | None:
        """The object of a source cue ("according to *the White House*")."""
        for index in range(cue.start, cue.end):
            for child in self.doc[index].children:
                if child.dep_ == "pobj":
                    return child
        for token in self.doc[cue.end : cue.end + 6]:
            if token.pos_ in ("NOUN", "PROPN"):
                return token
        return None

    def source_token(self, cue: _Cue) -> Token | None:
        """The word heading the source phrase: subject, passive agent, possessor
        ("Clinton's claim"), or the object of "according to"."""
        if cue.kind == "source":
            return self.source_object(cue)
        head = self.doc[cue.head]
        subject = self.subject(head)
        if subject is not None and (cue.kind == "phrase" or not self.sourceless(head, subject)):
            if subject.lower_ in ("that", "which") and head.dep_ == "relcl":
                return head.head  # "a headline that said ...": the headline
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
        if subject.head is head and subject.dep_ == "nsubjpass":
            return True
        if _passive(head):
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

    def source_span(self, cue: _Cue, mention: Mention | None) -> tuple[int, int] | None:
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

    def content_of(self, cue: _Cue) -> tuple[int, int] | None:
        """What a cue reports (see :meth:`reported`)."""
        found = self.reported(cue)
        return found[0] if found is not None else None

    def reported(self, cue: _Cue, *, completed: bool = True) -> tuple[tuple[int, int], str] | None:
        """What a cue reports, from the parse: its clausal complement ("said *that
        ...*"), else its infinitive ("wants *to ...*"), object ("backed *the
        bill*") or prepositional object ("called for *a ban*"); after the fact,
        the clause it comments on ("*..., * sources said")."""
        head = self.doc[cue.head]
        children = [c for i in range(cue.start, cue.end) for c in self.doc[i].children]
        chosen: list[Token] = []
        if head.pos_ == "NOUN":  # "his claim *that ...*", "her decision *to ...*"
            chosen = [c for c in children if c.dep_ == "acl" and c.i > head.i and _clausal(c)]
        for deps in (("ccomp",), ("xcomp",), ("dobj",)):
            if chosen:
                break
            chosen = [
                c
                for c in children
                if c.dep_ in deps
                and not c.is_punct
                and c.ent_type_ not in ("DATE", "TIME")
                and not _closed_before(c, head)
                and not self.a_title(c.idx)
            ]
        if not chosen and head.pos_ == "NOUN" and head.dep_ == "dobj":
            # a light verb's object: "gave a shout out *to* ...", "pay attention *to* ..."
            children += [c for c in head.head.children if c.dep_ == "prep" and c.i > head.i]
        if not chosen:
            for prep in (c for c in children if c.dep_ == "prep" and c.i > head.i):
                if prep.lower_ in _CONTENT_PREPS:
                    chosen = [g for g in prep.children if g.dep_ in ("pobj", "pcomp")]
                    if chosen:
                        break
        chosen = self.after_narration(head, chosen)
        if chosen and chosen[0].dep_ == "ccomp":
            chosen = _with_subject(chosen, children)
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
            chosen += _object_completed(chosen, children) if completed else []
        if not chosen and _passive(head):
            # "*He* was backed by ...", "*the bill* was criticized": what the
            # attribution is about is the passive subject
            chosen = [c for c in children if c.dep_ == "nsubjpass" and not self.quoted(c.idx)]
        if chosen:
            first = min(c.left_edge.i for c in chosen)
            last = max(c.right_edge.i for c in chosen)
            if chosen[0].dep_ == "xcomp" and self.doc[first].lower_ == "to" and first < last:
                first += 1  # "wants *to run*": PolNeAR's content starts after "to"
        elif head.dep_ == "relcl" and head.head.i < head.i and head.head.pos_ in ("NOUN", "PRON"):
            # "*the kind of story* many Latinos expected": what the relative clause's
            # cue is about is the noun it describes
            first, last, kind = head.head.left_edge.i, head.left_edge.i - 1, "relcl"
        elif _subordinate(head) and head.head.i > head.i:
            # "Trump — even as he says *his experience ... makes him qualified* — has
            # proposed little": the parse made the cue's complement govern its own
            # subordinate clause; what the cue reports runs from it to a dash or the
            # clause's end, never back over the sentence that holds the aside
            first, last, kind = cue.end, head.head.right_edge.i, "ccomp"
            stop = next((t.i for t in self.doc[first : last + 1] if t.text in _ASIDE_MARKS), None)
            last = stop - 1 if stop is not None else last
        elif head.dep_ in ("parataxis", "ccomp", "advcl") and head.head.left_edge.i < (
            _own_left(head)
        ):
            # "..., officials said" or, parenthetical, "The plan, a source said, is ..."
            governor = head.head
            if governor.dep_ == "advcl" and _subordinate(governor) and governor.head.i > head.i:
                governor = governor.head  # "Though it was seamless, he said, replacing ..."
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
            words = _coordinated(self, words, line_end)
        if chosen and chosen[0].dep_ == "ccomp" and _fronted_object(words[0], head, chosen[0]):
            words = self.own_clause(words, head, chosen[0])
        if chosen and chosen[-1].pos_ in ("NOUN", "PROPN") and words[0].i > head.i:
            words = _listed(self, words, line_end)
        if chosen and words[0].i > head.i:
            words = _through_colon(self, words, line_end)
        words = _without_contrast(self, _without_aside(words, head), head)
        words = _without_as_done(self, words)
        start, end = self.trim(words[0].idx, words[-1].idx + len(words[-1]), ",;:—–-.")
        end = _with_negation(self.text, end)
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

    def speaker(self, cue: _Cue, region: Sequence[Token], *, tail: bool = False) -> Mention | None:
        """Who a cue attributes speech to; nearby proper nouns if the parse has no subject
        (or, after a quote, the name that opens the attribution: "..., Trump, the
        frontrunner, said")."""
        if cue.kind == "source":
            obj = self.source_object(cue)
            return self.people.source_in(obj) if obj is not None else None
        head = self.doc[cue.head]
        subject = self.subject(head)
        phrase = cue.kind == "phrase"  # "was quoted as saying": its subject speaks
        if _passive(head) and subject is None and not phrase:
            return None  # "Asked about it, ...", "is expected to": no one named
        if subject is not None and not phrase and self.sourceless(head, subject):
            agent = self.source_token(cue)
            return self.people.mention(agent) if agent is not None else None
        if subject is not None:
            # the parse names the source: when it is no one ("one might think", "they"),
            # a neighbouring name is not the speaker either
            return self.people.together(subject)
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


# --- attributions ---------------------------------------------------------------------------


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


def _passive(head: Token) -> bool:
    """A cue in the passive, whose subject is not who speaks: "was asked", "is
    expected to", a sentence opening "Asked about ..."."""
    if head.tag_ != "VBN":
        return False
    if any(c.dep_ == "auxpass" for c in head.children):
        return True
    return head.dep_ in ("acomp", "advcl", "acl", "amod")


def _not_speech(inner: str) -> bool:
    """Quoted text that is not words anyone said: no letters (tweet ids, dates),
    or a title in title case ("Meet the Press", "Orange is the New Black")."""
    inner = inner.strip().rstrip(",;:")
    words = inner.split()
    if not any(c.isalpha() for c in inner):
        return True
    if len(words) > _TITLE_MAX_WORDS or inner[-1:] in (".", "!", "?"):
        return False
    long_words = [w.strip("‘’'()") for w in words if len(w.strip("‘’'()")) > 3]
    return words[0][:1].isupper() and all(w[:1].isupper() for w in long_words)


def _clause_verb(token: Token) -> bool:
    """A finite verb of another clause: between a cue and its quote it means the
    cue is not the attribution. Relative clauses ("Dorothy Poynter, who grew up
    with Ali, ...") do not count."""
    if token.tag_ not in _FINITE_TAGS or token.dep_ in ("aux", "auxpass"):
        return False
    return not any(t.dep_ in ("relcl", "acl") for t in (token, *token.ancestors))


def _colon_paragraph(reader: _Reader, line_start: int, previous_close: int) -> list[Token]:
    """The paragraph before one that opens with a quote, when it ends with a colon
    and so introduces it ("Stated Stone:")."""
    words = reader.tokens(previous_close, line_start)
    if not words or words[-1].text != ":":
        return []
    start, _ = reader.line_of(words[-1].idx)
    return [t for t in words if t.idx >= start]


def _lead(reader: _Reader, passage: Passage, previous_close: int) -> _Found | None:
    """A speaker before the quote, ending in a colon or comma: "X told television: ..."."""
    line_start, _ = reader.line_of(passage.open)
    before = reader.tokens(max(line_start, previous_close), passage.open)
    if not before:
        before = _colon_paragraph(reader, line_start, previous_close)
    if not before:
        return None
    start, _ = reader.sentence(before[-1])
    lead = [t for t in before if t.idx >= start]
    ends = [n for n, t in enumerate(lead[:-1]) if t.text in _SENTENCE_END]
    if ends:
        lead = lead[ends[-1] + 1 :]
    if not lead:
        return None
    last = lead[-1]
    if last.text not in _LEAD_ENDS and last.i not in reader.cue_at:
        return None
    cues = [c for c in reader.cues if lead[0].i <= c.start and c.end <= last.i + 1]
    if not cues:
        return None
    cue = _governing(reader, cues[-1], cues)
    if any(_clause_verb(t) for t in lead if t.i >= cue.end):
        return None
    content = reader.trim(passage.open + 1, passage.close, ",;:")
    mention = reader.speaker(cue, lead)
    return _Found(
        "direct", content, mention, cue, passage.close + 1, reader.source_span(cue, mention)
    )


def _governing(reader: _Reader, cue: _Cue, others: Sequence[_Cue]) -> _Cue:
    """The lexicon cue a learned one hangs from, if any: in "X said in a
    *statement*:" the cue is "said" (its medium follows it), not the noun."""
    if not cue.learned:
        return cue
    heads = {c.head: c for c in others if c is not cue and not c.learned}
    token = reader.doc[cue.head]
    for _ in range(_MAX_CLIMB):
        if token.head is token:
            break
        token = token.head
        if token.i in heads:
            return heads[token.i]
    return cue


def _tail(reader: _Reader, passage: Passage, next_open: int) -> _Found | None:
    """A speaker after the quote: "...,” Mr Peskov was quoted as saying."."""
    _, line_end = reader.line_of(passage.close)
    if passage.close >= line_end:
        return None
    tail = reader.tokens(passage.close + 1, min(line_end, next_open))
    ends = [n for n, t in enumerate(tail) if t.text in _SENTENCE_END]
    if ends:
        tail = tail[: ends[0] + 1]
    cues = [c for c in reader.cues if tail and tail[0].i <= c.start and c.end <= tail[-1].i + 1]
    if not cues:
        return None
    cue = cues[0]
    head = reader.doc[cue.head]
    if any(_clause_verb(t) for t in tail if t.i < cue.start):
        return None
    content = reader.trim(passage.open + 1, passage.close, ",;:")
    own_clause = any(c.dep_ == "ccomp" and not reader.quoted(c.idx) for c in head.children)
    if reader.text[content[1] - 1 : content[1]] == "." and own_clause:
        return None
    extent = tail[-1].idx + len(tail[-1])
    mention = reader.speaker(cue, tail, tail=True)
    return _Found("direct", content, mention, cue, extent, reader.source_span(cue, mention))


def _signed(reader: _Reader, passage: Passage, next_open: int) -> _Found | None:
    """A quote signed like a reader's comment or an epigraph, a dash and a name ending
    its paragraph: "“Trump must stop portraying Latinos as ...”― Carla Sanchez"."""
    _, line_end = reader.line_of(passage.close)
    end = min(line_end, next_open)
    after = reader.text[passage.close + 1 : end].lstrip()
    if not after or after[0] not in _SIGNATURE_DASHES:
        return None
    words = [
        t
        for t in reader.tokens(passage.close + 1, end)
        if not t.is_punct and t.text not in _SIGNATURE_DASHES
    ]
    if not words or len(words) > _SIGNATURE_MAX_WORDS or words[-1].pos_ != "PROPN":
        return None
    if not all(t.text[:1].isupper() for t in words):
        return None  # "— and so on", a sentence going on after a dash
    mention = reader.people.mention(name_head(words[-1]))
    if mention is None or not mention.person:
        return None
    content = reader.trim(passage.open + 1, passage.close, ",;:")
    source = (words[0].idx, words[-1].idx + len(words[-1]))
    # a signature gives a name and nothing else: the parse's "role" is the quote's words
    signed = replace(mention, role=None, organization=None)
    # ends at the closing mark: the next paragraph's quote is another reader's, not hers
    return _Found("direct", content, signed, None, passage.close + 1, source)


def _governing_cue(reader: _Reader, inside: Sequence[Token]) -> _Cue | None:
    """The speech cue a partial quote hangs from in the parse, if any.

    The nearest cue above the quote, unless only the cue model knows it (a
    belief or intention: "Russia may be *willing* to accept a “neutral”
    status") and a speech cue or a source phrase governs it further up
    ("*According to* ... Peskov, Russia may be willing ..."): the quoted words
    are that speaker's.
    """
    indices = {t.i for t in inside}
    line = reader.line_of(inside[0].idx)
    nearest: _Cue | None = None
    for root in (t for t in inside if t.head.i not in indices and not t.is_punct):
        token = root.head
        for _ in range(_MAX_CLIMB):
            cue = reader.cue_at.get(token.i)
            if cue is not None and reader.line_of(token.idx) == line:
                if not cue.learned and not _told_by_a_thing(token):
                    return cue
                nearest = nearest or cue
            for child in token.children:
                source = reader.cue_at.get(child.i)
                if source is not None and source.kind == "source" and child.i not in indices:
                    return source
            if token.head is token:
                break
            token = token.head
    return nearest


def _told_by_a_thing(cue: Token) -> bool:
    """A speech verb whose subject is "it" ("Obama said *it would tell* an American
    story, one of ''suffering and delight''"): the quoted words are more likely those
    of a speaker further up than of the thing."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "it" for c in cue.children)


def _mixed(reader: _Reader, passage: Passage) -> _Found | None:
    """A partial quote inside reported speech: Lavrov said there was "some hope"."""
    inside = reader.tokens(passage.open + 1, passage.close)
    if not inside:
        return None
    cue = _governing_cue(reader, inside)
    if cue is None:
        return None
    region_start, region_end = reader.sentence(reader.doc[cue.head])
    region = reader.tokens(region_start, region_end)
    content = reader.trim(passage.open + 1, passage.close, ",;:.")
    extent = passage.close + 1
    while extent < len(reader.text) and reader.text[extent] in ".!?":
        extent += 1
    mention = reader.speaker(cue, region)
    source = reader.source_span(cue, mention)
    if source is not None and source[0] <= passage.open and passage.close < source[1]:
        return None  # words describing the speaker: "Ramos, whose book features “rebels”, said"
    if cue.kind == "source":
        reported = _according_words(reader, cue) if mention or source else None
        clause = reported[0] if reported is not None else None
    else:
        clause = reader.content_of(cue)
    if clause is not None and not (clause[0] <= content[0] and content[1] <= clause[1]):
        clause = None
    if clause is not None:
        extent = max(extent, clause[1])
    said = max(reader.cue_span(cue)[1], source[1] if source is not None else 0)
    after = reader.text[passage.close + 1 : said]
    if said > passage.close and not any(m in after for m in (*MARKS, "''")):
        # 'Teachers are "looking to see ...," NEA President Lily Eskelsen García said.
        # "That's got to scare an educator."': the next quote goes on in her words
        while said < len(reader.text) and reader.text[said] in ".!?":
            said += 1
        extent = max(extent, said)
    return _Found("mixed", content, mention, cue, extent, source, clause)


def _inline(reader: _Reader, passage: Passage) -> bool:
    """A passage opening mid-clause ("were becoming "more realistic"") rather than
    at a paragraph start or after a colon, comma or a speech verb."""
    line_start, _ = reader.line_of(passage.open)
    index = passage.open - 1
    while index >= line_start and reader.text[index] in " \t":
        index -= 1
    if index < line_start or reader.text[index] in _LEAD_ENDS or reader.text[index] in ".!?;":
        return False
    before = reader.tokens(line_start, passage.open)
    return not (before and before[-1].i in reader.cue_at)


def _indirect(reader: _Reader, cue: _Cue, claimed: Sequence[tuple[int, int]]) -> _Found | None:
    """Reported speech without quote marks (or around a quote no other cue claimed):
    a cue and what it reports, from the parse."""
    if cue.kind == "source":
        return _according(reader, cue, claimed)
    head = reader.doc[cue.head]
    reported = reader.reported(cue)
    if reported is None:
        return None
    (start, end), how = reported
    if any(a <= start and end <= b for a, b in claimed):
        return None  # words of a quote already attributed
    sentence = reader.tokens(*reader.sentence(head))
    mention = reader.speaker(cue, sentence)
    source = reader.source_span(cue, mention)
    cue_start, cue_end = reader.cue_span(cue)
    parenthetical = start < cue_start and cue_end < end
    if source is not None and source[0] < end and start < source[1] and not parenthetical:
        return None
    sourceless = False
    if mention is None and source is None:
        subject = reader.subject(head)
        sourceless = _passive(head) if subject is None else reader.sourceless(head, subject)
        if not sourceless and not reader.judged:
            return None  # keep only what the text leaves sourceless: "was criticized"
    extent = max(end, reader.cue_span(cue)[1])
    # the model judges the content as it learned it, before the preposition completing
    # an object ("accused Holt | of being a Democrat"): that only shows the words whole
    bare = reader.reported(cue, completed=False)
    judged = bare[0] if bare is not None else (start, end)
    features = attribution_features(reader, cue, judged, how, source, sourceless)
    aside = _aside(reader, (start, end), source, (cue_start, cue_end)) if parenthetical else None
    return _Found("indirect", (start, end), mention, cue, extent, source, None, features, aside)


def _aside(
    reader: _Reader,
    content: tuple[int, int],
    source: tuple[int, int] | None,
    cue: tuple[int, int],
) -> tuple[int, int] | None:
    """The attribution set inside what it reports ("The economic weapons his country has,
    *he added,* are like nuclear bombs"): from the comma before its source to the comma
    after its cue, which the content covers but a reader should not see as the words."""
    first = min(cue[0], source[0]) if source is not None else cue[0]
    last = cue[1]
    text = reader.text
    before = text.rfind(",", content[0], first)
    after = text.find(",", last, content[1])
    if before < 0 or after < 0 or text[before + 1 : first].strip() or text[last:after].strip():
        return None  # not set off by commas: no aside to take out
    return (before, after + 1)


def _closed_before(clause: Token, cue: Token) -> bool:
    """A clause the parse hung on a cue from across a semicolon: "World leaders
    denounce N. Korea test*;* Obama, others vow consequences" (what they vow is not the
    denouncing); a clause reported before its cue ends at a comma."""
    between = clause.doc[clause.i + 1 : cue.i]
    return clause.i < cue.i and any(t.text == ";" for t in between)


def _own_left(cue: Token) -> int:
    """Where a cue's own words start: its subject, not the clause the parse hung before
    it ("*Though that transition was relatively seamless,* he said, replacing Clinton
    would be ..." is what he said, around his aside)."""
    kept = [c for c in cue.children if not (c.dep_ == "advcl" and c.i < cue.i)]
    return min([cue.i] + [c.left_edge.i for c in kept])


def _subordinate(token: Token) -> bool:
    """A cue opening a subordinate clause ("even *as* he says", "*while* she argued"),
    never a comment after the fact ("..., officials said")."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" for c in token.children)


def _clausal(token: Token) -> bool:
    """A clause ("that ...", "to ..."), not a participle describing a noun."""
    return any(c.dep_ in ("mark", "aux") for c in token.children)


def _length_bin(words: int) -> str:
    for bound in (1, 2, 3, 5, 8, 13, 21, 34):
        if words <= bound:
            return str(bound)
    return "more"


def attribution_features(
    reader: _Reader,
    cue: _Cue,
    content: tuple[int, int],
    how: str,
    source: tuple[int, int] | None,
    sourceless: bool,
) -> tuple[str, ...]:
    """What the attribution model sees of a candidate reported-speech attribution:
    the cue's learned score, whether the lexicon lists it, its word and place in
    the parse, how the content came out of the parse (a clause, an object...)
    and its length, and what kind of source names it."""
    head = reader.doc[cue.head]
    lemma = head.lemma_.lower()
    origin = "model" if cue.learned else "lexicon"
    score = min(9, int(cue.probability * 10))
    words = reader.tokens(*content)
    first = words[0] if words else head
    inner = [t for t in words if t.head.i < words[0].i or t.head.i > words[-1].i] if words else []
    content_head = inner[0] if inner else first
    if source is None:
        source_kind = "sourceless" if sourceless else "none"
        source_words = 0
    else:
        named = reader.tokens(*source)
        source_words = len(named)
        root = next((t for t in named if t.head.i < named[0].i or t.head.i > named[-1].i), None)
        source_kind = _argument_class(root) if root is not None else "?"
    quoted = any(t.text in MARKS for t in words)
    return (
        "bias",
        f"o={origin}",
        f"cp={score}",
        f"ocp={origin}|{score}",
        f"l={lemma}",
        f"lk={lemma}|{how}",
        f"k={how}",
        f"t={head.tag_}",
        f"d={head.dep_}",
        f"ld={lemma}|{head.dep_}",
        f"p={head.pos_}|{head.dep_}",
        f"kd={how}|{head.dep_}",
        f"n={_length_bin(len(words))}",
        f"kn={how}|{_length_bin(len(words))}",
        f"f={first.lower_ if first.lower_ in ('that', 'to', 'whether', 'if') else first.pos_}",
        f"ch={content_head.pos_}|{content_head.ent_type_}",
        f"kch={how}|{content_head.pos_}|{content_head.ent_type_}",
        f"s={source_kind}",
        f"sn={_length_bin(source_words)}",
        f"ls={lemma}|{source_kind}",
        f"ks={how}|{source_kind}",
        f"q={quoted}",
        f"c={cue.kind}",
    )


def _coordinated(reader: _Reader, words: list[Token], limit: int) -> list[Token]:
    """Extend a complement over coordinated ones the parse attached elsewhere:
    "said that talks were more realistic, but that more time was needed"."""
    sentence_end = reader.sentence(words[-1])[1]
    while True:
        after = reader.tokens(words[-1].idx + len(words[-1]), min(limit, sentence_end))
        n = 1 if after and after[0].text == "," else 0
        if len(after) < n + 3 or after[n].dep_ != "cc" or after[n + 1].lower_ != "that":
            return words
        rest = after[n + 2 :]
        stop = next(
            (k for k, t in enumerate(rest) if t.text in ",;" or t.text in _SENTENCE_END), None
        )
        words = words + after[: n + 2] + rest[:stop]


def _through_colon(reader: _Reader, words: list[Token], limit: int) -> list[Token]:
    """A reported clause that announces what follows a colon goes on over it: "notes
    that we're at a rare moment where three things are happening at once*: Home values
    are rising ..., interest rates are low*". Only a clause follows so (not the writer's
    "*: a claim disputed by economists*"), and not quoted words, which are a quote."""
    doc = words[0].doc
    colon = words[-1].i + 1
    if colon >= len(doc) or doc[colon].text != ":":
        return words
    end = min(limit, reader.sentence(words[-1])[1])
    rest = reader.tokens(doc[colon].idx + 1, end)
    if not rest or any(reader.quoted(t.idx) or t.text in MARKS for t in rest):
        return words
    if not any(t.dep_ in _SUBJECTS for t in rest):
        return words
    return [*words, doc[colon], *rest]


def _object_completed(chosen: list[Token], children: Sequence[Token]) -> list[Token]:
    """The preposition right after a cue's object that the parse hung on the cue but
    completes what it reports: "accused Holt *of being a Democrat*", "compares his
    struggles *to those of the former president*", "unveiled a list of endorsements
    *from 95 retired generals*". Not a day or place ("on Monday", "in a statement")."""
    end = max(c.right_edge.i for c in chosen)
    for child in children:
        if child.dep_ != "prep" or child.i != end + 1 or child in chosen:
            continue
        if child.lower_ not in _CONTENT_PREPS and child.lower_ != "from":
            continue
        objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        if objects and objects[0].ent_type_ not in ("DATE", "TIME"):
            return [child]
    return []


def _with_subject(chosen: list[Token], children: Sequence[Token]) -> list[Token]:
    """A clause with no subject of its own whose subject the parse made the cue's
    object: in "explaining *the firings* amounted to 1 percent" the firings are what
    amounted, not what was explained (a clause with its subject, "told reporters
    *he* would", keeps the object out)."""
    clause = chosen[0]
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children):
        return chosen
    objects = [c for c in children if c.dep_ == "dobj" and c.right_edge.i + 1 == clause.left_edge.i]
    if not objects or objects[0].pos_ not in ("NOUN", "PROPN"):
        return chosen
    if any(c.dep_ in ("relcl", "acl") for c in objects[0].children):
        return chosen  # "told *a young woman who suggested ...*": someone described, spoken to
    return [objects[0], *chosen]


def _listed(reader: _Reader, words: list[Token], limit: int) -> list[Token]:
    """Extend an object over the nouns listed after it that the parse joined to a
    verb, where no noun can be: "emphasizing economic fairness, *and a need to raise
    the minimum wage*" (the need is emphasized too, not a second thing she started)."""
    sentence_end = reader.sentence(words[-1])[1]
    after = reader.tokens(words[-1].idx + len(words[-1]), min(limit, sentence_end))
    n = 1 if after and after[0].text == "," else 0
    if len(after) < n + 2 or after[n].dep_ != "cc":
        return words
    noun = next((t for t in after[n + 1 :] if t.dep_ == "conj"), None)
    if noun is None or noun.pos_ not in ("NOUN", "PROPN") or noun.head.pos_ not in ("VERB", "AUX"):
        return words
    between = [t for t in after[n + 1 :] if t.i < noun.i]
    if noun.head.i >= words[0].i or any(t.dep_ not in _NOUN_MODIFIERS for t in between):
        return words  # the verb is not one the content hangs from, or a clause comes between
    last = noun.right_edge.i
    return words + [t for t in after if t.i <= last]


def _without_aside(words: list[Token], cue: Token) -> list[Token]:
    """A content ends before the reporter's aside on a person it names: a clause
    ", who ..." closing it ("not to pardon Hillary Clinton*, who has not been
    charged*", "the health of Donald Trump*, who is 70*"), or on what came of the
    words (", which the police have not done"). An aside holding the cue ("Schultz,
    who ..., Mr. King said, has ...") is the speaker's words."""
    last = words[-1]
    for token in words:
        if token.dep_ != "relcl" or token.right_edge.i < last.i:
            continue
        first = token.left_edge
        who = first.lower_ == "who" and token.head.pos_ == "PROPN"
        if not (who or _writers_which(first, token)):
            continue
        if token.left_edge.i <= cue.i <= token.right_edge.i:
            continue
        kept = [w for w in words if w.i < first.i - 1]
        if kept and first.nbor(-1).text == ",":
            return kept
    return words


def _writers_which(first: Token, clause: Token) -> bool:
    """A closing ", which ..." that says what the speaker's words came to, in the
    writer's voice: "demanding that police release the video*, which the police have
    not done*" (a "which" clause whose verb is done, happen or occur)."""
    return first.lower_ == "which" and clause.lemma_.lower() in _WRITERS_VERBS


def _without_as_done(reader: _Reader, words: list[Token]) -> list[Token]:
    """A content ends before the writer's closing "as promised" / "as expected": "He
    proposed dropping carried interest *as promised*" (what he proposed is the
    dropping; that he had promised it is the writer's note)."""
    if len(words) < 4 or reader.quoted(words[-1].idx):
        return words
    if words[-2].lower_ == "as" and words[-1].tag_ == "VBN":
        return words[:-2]
    return words


def _fronted_object(first: Token, cue: Token, clause: Token) -> bool:
    """Whether a content opens with the object its clause fronted before the cue, the
    clause keeping its own subject after the cue: "what Trump says *his tax plan* would
    do" (not "which he said were at his side", where "which" is the subject)."""
    return (
        first.i < cue.i < clause.i
        and first.dep_ == "dobj"
        and first.head == clause
        and any(c.dep_ == "nsubj" and cue.i < c.i < clause.i for c in clause.children)
    )


def _without_contrast(reader: _Reader, words: list[Token], cue: Token) -> list[Token]:
    """A content ends before the reporter's "even as" clause set against it: "weighed
    whether the video should be released*, even as footage from Scott's wife
    circulated widely*" (PolNeAR's content stops there 16 times in 23 on train). Said
    inside quote marks, it is the speaker's own ("work together ... even as Islam
    faces a serious crisis"); nor when the cue comes after it or the content goes on
    after it ("that Trump — even as he says ... — has proposed little")."""
    for k, token in enumerate(words[1:-1], start=1):
        after = words[k + 1]
        if (
            token.lower_ == "even"
            and after.lower_ == "as"
            and after.dep_ == "mark"
            and cue.i < token.i
            and after.head.right_edge.i >= words[-1].i
            and not reader.quoted(token.idx)
        ):
            return words[:k]
    return words


def _with_negation(text: str, end: int) -> int:
    """A content never ends before the negation written into its last word: the
    parse may leave a contraction's "n't" out ("as strong as those who do|n’t"),
    which turns the claim around."""
    for negation in ("n't", "n’t"):
        if text[end : end + len(negation)].lower() == negation:
            return end + len(negation)
    return end


def _according_words(reader: _Reader, cue: _Cue) -> tuple[tuple[int, int], int] | None:
    """What a source phrase reports, in "According to X, Y" (or "Y, according
    to X") Y, with where the phrase ends; None when the sentence has no Y."""
    according = reader.doc[cue.start]
    sent_start, sent_end = reader.sentence(according)
    phrase = list(according.subtree)
    phrase_start = min(phrase[0].idx, according.idx)
    last = max(phrase, key=lambda t: t.idx)
    phrase_end = max(last.idx + len(last), reader.cue_span(cue)[1])
    before = reader.trim(sent_start, phrase_start, ",;:.—– ")
    lead_in = reader.text.rfind(": ", before[0], before[1])
    if lead_in >= 0:
        # "Among the tidbits in the newer letter: Trump is 6'3\" tall ..., according to
        # X": the words before the colon introduce what X reports
        before = reader.trim(lead_in + 1, before[1], ",;:.—– ")
    after = reader.trim(phrase_end, sent_end, ",;:.")
    start, end = after if after[1] - after[0] >= before[1] - before[0] else before
    return ((start, end), phrase_end) if start < end else None


def _according(reader: _Reader, cue: _Cue, claimed: Sequence[tuple[int, int]]) -> _Found | None:
    """Reported speech with a source phrase: in "According to X, Y" (or "Y,
    according to X") Y is what X reports."""
    words = _according_words(reader, cue)
    if words is None:
        return None
    (start, end), phrase_end = words
    if any(a < end and start < b for a, b in claimed):
        return None
    mention = reader.speaker(cue, [])
    source = reader.source_span(cue, mention)
    if mention is None and source is None:
        return None
    how = "according-after" if start >= phrase_end else "according-before"
    features = attribution_features(reader, cue, (start, end), how, source, False)
    return _Found(
        "indirect", (start, end), mention, cue, max(end, phrase_end), source, None, features
    )


def _inherit(reader: _Reader, found: Sequence[_Found], position: int) -> _Found | None:
    """The attribution a speakerless quote continues: the one ending right before it."""
    earlier = [f for f in found if f.mention is not None and f.extent <= position]
    if not earlier:
        return None
    last = max(earlier, key=lambda f: f.extent)
    gap = reader.text[last.extent : position]
    return last if all(c in _GAP_CHARS for c in gap) else None


def _headline(reader: _Reader, line: tuple[int, int]) -> _Found | None:
    """A headline that gives a name and what they said: "Issa: Clinton's 'Honesty
    Is In Question'", "NY Post: Megyn Kelly Is No Different ..."."""
    words = reader.tokens(*line)
    if not words or len(words) > _HEADLINE_MAX_WORDS:
        return None
    colon = next((n for n, t in enumerate(words) if t.text == ":"), None)
    if colon is None or not 1 <= colon <= _HEADLINE_MAX_NAME or colon + 2 >= len(words):
        return None
    name = words[:colon]
    if name[0].text.upper() in ("EXCLUSIVE", "WATCH", "UPDATE", "BREAKING", "VIDEO", "LIVE"):
        name = [t for t in name[1:] if not t.is_punct]
    if not name or not all(t.pos_ == "PROPN" or t.text[:1].isupper() for t in name):
        return None
    if not any(t.pos_ == "PROPN" for t in name) or any(t.pos_ == "VERB" for t in name):
        return None
    if name[-1].lower_ in _COLUMN_WORDS:
        return None  # "News Guide: Donors flocked to ...": a column's label, not a source
    start, end = reader.trim(words[colon + 1].idx, line[1], ".")
    if start >= end:
        return None
    colon_token = words[colon]
    cue = _Cue(colon_token.i, colon_token.i + 1, colon_token.i, "phrase")
    mention = reader.people.mention(name_head(name[-1]))
    source = (name[0].idx, name[-1].idx + len(name[-1]))
    kind: QuoteKind = "direct" if reader.text[start] in MARKS + "‘'" else "indirect"
    if kind == "direct":
        start, end = reader.trim(start + 1, end, ",;:'’" + MARKS)
    return _Found(kind, (start, end), mention, cue, end, source)


def extract_quotes(
    article: Article,
    doc: Doc,
    aliases: AliasTable | None = None,
    *,
    models: QuoteModels | None = None,
) -> tuple[Quote, ...]:
    """Every quote of ``article``: direct, mixed and indirect, with speaker and cue.

    ``doc`` must be the parse of ``article.text`` (its offsets are the
    article's). Speakers get their full name as the article gives it and a
    canonical form from ``aliases`` (the bundled table plus the user's when
    not given). A direct quote whose speaker cannot be found is kept with
    speaker ``None``; a quoted phrase that no one is said to have said
    (scare quotes) is not a quote. ``models`` default to the bundled ones.
    """
    aliases = aliases if aliases is not None else load_aliases()
    reader, found = _attributions(article, doc, models or load_models(), keep_all=False)
    return tuple(_quote(article, reader, f, aliases) for f in found)


@dataclass(frozen=True)
class Candidate:
    """A reported-speech attribution before the attribution model judges it
    (character spans; ``source`` is None when the text names none)."""

    content: tuple[int, int]
    cue: tuple[int, int]
    source: tuple[int, int] | None
    features: tuple[str, ...]


def candidate_attributions(article: Article, doc: Doc, models: QuoteModels) -> list[Candidate]:
    """Every reported-speech candidate before the attribution model decides, with
    what it sees of each (what ``bench/quotes/train_attributions.py`` learns from)."""
    reader, found = _attributions(article, doc, models, keep_all=True)
    return [
        Candidate(f.content, reader.cue_span(f.cue), f.source, f.features)
        for f in found
        if f.features and f.cue is not None
    ]


def _attributions(
    article: Article, doc: Doc, models: QuoteModels, *, keep_all: bool
) -> tuple[_Reader, list[_Found]]:
    if doc.text != article.text:
        raise ValueError(f"{article.id}: the parse is not of this article's text")
    judged = keep_all or bool(models.attribution_weights)
    reader = _Reader(article.text, doc, quoted_passages(article.text), models, judged=judged)
    found: list[_Found] = []
    used: set[int] = set()
    unattributed: list[tuple[Passage, tuple[int, int]]] = []
    for line in reader.lines:
        headline = _headline(reader, line)
        if headline is not None:
            found.append(headline)
    headlines = [f.content for f in found]
    for n, passage in enumerate(reader.passages):
        if _not_speech(reader.text[passage.open + 1 : passage.close]):
            continue
        if any(a <= passage.open + 1 and passage.close <= b + 1 for a, b in headlines):
            continue
        previous = reader.passages[n - 1].close + 1 if n else 0
        following = (
            reader.passages[n + 1].open if n + 1 < len(reader.passages) else len(reader.text)
        )
        result: _Found | None = _continued(reader, found[-1], passage) if found else None
        if result is None and _inline(reader, passage):
            result = _mixed(reader, passage)
        elif result is None:
            result = (
                _lead(reader, passage, previous)
                or _tail(reader, passage, following)
                or _signed(reader, passage, following)
            )
            if result is None:
                content = reader.trim(passage.open + 1, passage.close, ",;:")
                if len(reader.text[content[0] : content[1]].split()) >= _MIN_UNATTRIBUTED_WORDS:
                    unattributed.append((passage, content))
                continue
        if result is None or result.content[0] >= result.content[1]:
            continue
        if found and (whole := _rejoined(found[-1], result)) is not None:
            found[-1] = whole
            continue
        found.append(result)
        if result.cue is not None:
            used.add(result.cue.head)
    claimed = [f.clause or f.content for f in found]
    candidates = [
        result
        for cue in reader.cues
        if cue.head not in used and (result := _indirect(reader, cue, claimed)) is not None
    ]
    if judged:
        candidates = _in_context(reader, candidates, claimed)
    if keep_all:
        found += candidates
    else:
        kept = _kept(reader, models, candidates)
        found += [
            f
            for f in kept
            if not (
                _no_one_and_no_claim(reader, f)
                or _names_no_claim(reader, f)
                or _the_reader(reader, f)
            )
        ]
    for passage, content in unattributed:
        source = _inherit(reader, found, passage.open)
        mention = source.mention if source else None
        found.append(
            _Found(
                "direct",
                content,
                mention,
                None,
                passage.close + 1,
                source.source if source else None,
            )
        )
    found.sort(key=lambda f: f.content)
    return reader, found


def _continued(reader: _Reader, previous: _Found, passage: Passage) -> _Found | None:
    """The second half of a quote its cue splits, when only the cue, its source and a
    conjunction stand between the halves ("You know, I love Larry," he said, but
    "when it comes to energy issues, ..."): the same speaker's words, whatever case
    the second half opens with."""
    if previous.kind != "direct" or previous.cue is None:
        return None
    at = reader.doc[previous.cue.head].idx
    if not previous.content[1] <= at < passage.open:
        return None
    between = reader.text[previous.content[1] : passage.open]
    if any(mark in between for mark in ".!?\n") or len(between.split()) > _SPLIT_QUOTE_WORDS:
        return None
    if sum(previous.content[1] <= reader.doc[c.head].idx < passage.open for c in reader.cues) > 1:
        return None  # '," he said, *adding* that "': the second half has a cue of its own
    content = reader.trim(passage.open + 1, passage.close, ",;:")
    return replace(previous, content=content, extent=passage.close + 1)


def _rejoined(first: _Found, second: _Found) -> _Found | None:
    """One quote split by its cue ("If you look back and check the transcripts,"
    Scott said, "I could have written those things last week."), or two partial
    quotes of one reported clause (ruled that Trump's statement about "thousands of
    shootings" in Chicago is "true"): the speaker's words are both parts, so a reader
    sees them as one statement, not a half without its claim; what stands between
    them is marked as an interruption."""
    if first.kind != second.kind or first.kind not in ("direct", "mixed"):
        return None
    if first.cue is None or second.cue is None or first.cue.head != second.cue.head:
        return None
    if first.clause != second.clause:
        return None  # two partial quotes are one report when they share their clause
    if not first.content[1] < second.content[0] or first.interruption is not None:
        return None
    gap = (first.content[1], second.content[0])
    return replace(
        first,
        content=(first.content[0], second.content[1]),
        extent=max(first.extent, second.extent),
        interruption=gap,
    )


def _the_reader(reader: _Reader, found: _Found) -> bool:
    """Reported speech whose source is the reader, addressed by the writer: "*you* can
    see why RT can seem like just another entrant", "if *you* want to understand the
    debate". It is the writer's own voice, not someone the story quotes; PolNeAR
    marks some, a reader of who said what none."""
    if found.kind != "indirect" or found.source is None:
        return False
    return reader.text[found.source[0] : found.source[1]].lower() == "you"


def _names_no_claim(reader: _Reader, found: _Found) -> bool:
    """Reported speech whose content is only a thing said, never what it says: "the AP
    reported *the story*", "the campaign released *an ad*". A reader learns no claim
    from it; what the story or the ad says, when the text gives it, is its own
    attribution."""
    if found.kind != "indirect":
        return False
    words = [t for t in reader.tokens(*found.content) if not t.is_punct]
    return (
        len(words) == _BARE_MAX_WORDS
        and words[0].pos_ == "DET"
        and words[0].lower_ in ("the", "a", "an")
        and words[1].pos_ == "NOUN"
        and not words[1].ent_type_
    )


def _no_one_and_no_claim(reader: _Reader, found: _Found) -> bool:
    """Reported speech naming no source whose content is no claim either: only what
    a passive acts on ("*The holiday* is observed as ...", "*The coal* was piled") or a
    word or two ("Having said *that*", "the one supporting *Bush*"). A reader of who
    said what can check neither who nor what; PolNeAR marks a few, the reader none."""
    if found.kind != "indirect" or found.source is not None or found.mention is not None:
        return False
    if "k=nsubjpass" in found.features:
        return True
    start, end = found.content
    return len(reader.text[start:end].split()) <= _BARE_MAX_WORDS


def _in_context(
    reader: _Reader, candidates: list[_Found], claimed: Sequence[tuple[int, int]]
) -> list[_Found]:
    """Add what the attribution model needs to know of the other candidates: whether
    this cue lies inside another's content or a quote's ("notes that X *has
    vowed* to ..."), whether its content holds another's cue, and whether its
    cue word hangs from another cue ("demanded *to know*", "urging ... *calling
    for*"), which PolNeAR usually marks as one attribution."""
    heads = {c.cue.head for c in candidates if c.cue is not None}
    out = []
    for found in candidates:
        if found.cue is None:
            out.append(found)
            continue
        at = reader.doc[found.cue.head].idx
        start, end = found.content
        inside = any(
            o is not found and o.content[0] <= at < o.content[1] for o in candidates
        ) or any(a <= at < b for a, b in claimed)
        holds = any(
            o is not found and o.cue is not None and start <= reader.doc[o.cue.head].idx < end
            for o in candidates
        )
        overlaps = sum(
            o is not found and o.content[0] < end and start < o.content[1] for o in candidates
        )
        word = reader.doc[found.cue.head]
        governed = word.head.i in heads and word.head.i != word.i
        how = next((f[2:] for f in found.features if f.startswith("k=")), "")
        context = (
            f"in={inside}",
            f"holds={holds}",
            f"ov={min(overlaps, 2)}",
            f"gov={word.dep_ if governed else '-'}",
            f"kin={how}|{inside}|{holds}",
        )
        out.append(replace(found, features=found.features + context))
    return out


def _kept(reader: _Reader, models: QuoteModels, candidates: list[_Found]) -> list[_Found]:
    """The reported-speech candidates the attribution model keeps. Of two kept
    candidates that report the same words without one holding the other's cue
    (not "X said that Y believes Z" but "demanded" / "to know" over one
    question), only the likelier stays: PolNeAR marks one attribution there."""
    if not models.attribution_weights:
        return candidates
    scored = sorted(
        (
            (models.attribution_probability(c.features), n, c)
            for n, c in enumerate(candidates)
            if c.cue is not None
        ),
        key=lambda s: (-s[0], s[1]),
    )
    kept: list[_Found] = []
    for probability, _, found in scored:
        if probability < models.attribution_threshold:
            break
        if not any(_same_report(reader, found, other) for other in kept):
            kept.append(found)
    return kept


def _same_report(reader: _Reader, a: _Found, b: _Found) -> bool:
    """Two attributions over overlapping words, neither nested in the other. One is
    nested in the other when its cue and its own source lie in the other's content
    ("X said that *Y believes* Z"); a cue sharing the other's source ("X
    demanded *to know* whether") is the same report."""
    if not (a.content[0] < b.content[1] and b.content[0] < a.content[1]):
        return False
    return not (_nested(reader, a, b) or _nested(reader, b, a))


def _nested(reader: _Reader, inner: _Found, outer: _Found) -> bool:
    assert inner.cue is not None
    start, end = outer.content
    at = reader.doc[inner.cue.head].idx
    source = inner.source
    return start <= at < end and source is not None and start <= source[0] < end


def _quote(article: Article, reader: _Reader, found: _Found, aliases: AliasTable) -> Quote:
    start, end = found.content
    speaker = None
    if found.mention is not None:
        m = found.mention
        name = _without_article(m.name)
        speaker = Speaker(
            name=name,
            canonical=aliases.resolve(name),
            role=m.role,
            organization=m.organization,
            span=Span(m.start, m.end),
        )
    cue = reader.cue_words(found.cue, found.clause or found.content) if found.cue else None
    source = Span(*found.source) if found.source else None
    clause = Span(*found.clause) if found.clause else None
    content = article.text[start:end]
    interruption = None
    if found.interruption is not None:
        interruption = Span(*found.interruption)
        before, after = (
            article.text[start : interruption.start],
            article.text[interruption.end : end],
        )
        content = f"{before.rstrip()} … {after.lstrip()}"
    return Quote(
        article_id=article.id,
        kind=found.kind,
        content=content,
        content_span=Span(start, end),
        speaker=speaker,
        cue=article.text[cue[0] : cue[1]] if cue else None,
        cue_span=Span(*cue) if cue else None,
        source_span=source,
        clause_span=clause,
        interruption=interruption,
        statement=_states(reader, found),
    )


def _without_article(name: str) -> str:
    """A name as a list of speakers shows it: "Supreme Court", not "the Supreme Court"
    beside it (the tagger's entity sometimes takes the article in)."""
    for article in ("the ", "The "):
        rest = name.removeprefix(article)
        if rest != name and rest[:1].isupper():
            return rest
    return name


def _takes_stance(reader: _Reader, found: _Found) -> bool:
    """Whether a cue is a stance verb of ``stance_verbs.tsv`` with the particle the
    table gives it: "endorsed Cruz", "called for a ban", not "agreed *with*
    Matthews" (the table's "agree" is "agree *to*")."""
    assert found.cue is not None
    head = reader.doc[found.cue.head]
    entries = stance_verbs().get(head.lower_) or stance_verbs().get(head.lemma_.lower(), ())
    cue_words = {reader.doc[i].lower_ for i in range(found.cue.start, found.cue.end)}
    following = {t.lower_ for t in head.children if t.dep_ in ("prep", "prt")}
    return any(not particle or particle in cue_words | following for _, particle in entries)


def _states(reader: _Reader, found: _Found) -> bool:
    """Whether an attribution reports a statement (``Quote.statement``): quoted words,
    a speech cue, a source cue, or a learned cue whose word ``statement_words.tsv``
    lists ("hoped", "criticized", "shows"); not "voted against", "recruited",
    "seems". Nor, whatever the cue, what gives no claim: a name alone where no stance
    is taken ("has not mentioned *Machado*", "agreed with *Matthews*"), the clause
    of a "what" never given ("what Trump says *his tax plan would do*"), a title
    ("a paper titled *How to Foster ...*"), words said not to be said ("did not
    suggest retaliation"), the writer's question ("But has he called for ...?") or
    guess ("*perhaps* recognizing that ...")."""
    if found.cue is None:
        return True
    head = reader.doc[found.cue.head]
    lemma = head.lemma_.lower()
    if found.kind == "direct":
        return lemma not in _TITLE_CUES
    if found.kind != "indirect":
        return True
    words = [t for t in reader.tokens(*found.content) if not t.is_punct]
    if words and _a_name(words) and not _takes_stance(reader, found):
        return False
    if any(t.tag_ == "WP" and t.i < head.i and t.head.i > head.i for t in head.sent):
        return False
    if any(c.lower_ in _HEDGES for c in head.children if c.dep_ == "advmod"):
        return False
    if head.sent.text.rstrip().endswith("?") and lemma not in _ASKING:
        return False
    kind = _statement_words().get(lemma)
    spoken = not found.cue.learned or kind in ("words", "topics")
    if (kind == "topics" or (spoken and _after_about(reader, found))) and _a_topic(reader, words):
        return False  # "wrote *his book*", "jokes about *coloring her hair*"
    if words and words[0].lower_ in _WH_WORDS and (kind == "topics" or head.pos_ == "NOUN"):
        return False  # "views on *how the campaign handled it*": what about, not what
    if found.cue.learned and _a_thing(reader.subject(head)):
        return False
    if spoken and any(c.dep_ == "neg" for c in head.children):
        return False
    return not found.cue.learned or kind is not None


def _a_name(words: Sequence[Token]) -> bool:
    """Content that is only someone's name, with what describes them and no verb, or a
    pronoun: "NBC's Matt Lauer", "her Democratic rival Bernie Sanders", "Florida primary
    winner Donald Trump", "challenged *her*". It names who was spoken to or of, not a
    claim."""
    if any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head is t]
    return len(heads) == 1 and heads[0].pos_ in ("PROPN", "PRON")  # "challenged *her*"


def _a_thing(subject: Token | None) -> bool:
    """A subject that is a thing, not one who can state anything: a common noun
    outside ``speaking_nouns.tsv`` ("that freewheeling *environment* also underscored
    a weakness", "one of the many *reasons* that Trump refuses"). The cue model learned
    such acts and looks as attributions; a reader sees no one's statement there."""
    if subject is None or subject.pos_ != "NOUN" or not subject.text[:1].islower():
        return False  # "Sanders", which the tagger may call a noun, is a name
    return subject.lower_ not in speaking_nouns() and subject.lemma_.lower() not in speaking_nouns()


def _after_about(reader: _Reader, found: _Found) -> bool:
    """Whether a content is what a cue is *about* ("jokes about coloring her hair")."""
    start = found.content[0]
    before = reader.text[max(0, start - 20) : start].rstrip().rsplit(None, 1)
    return bool(before) and before[-1].lower() == "about"


def _a_topic(reader: _Reader, words: Sequence[Token]) -> bool:
    """Content that only names what was spoken of: a noun phrase with no clause of
    its own ("wrote *his book*", "explains *America's historical treatment of black
    people*", "referencing *the bank's fierce drive to "cross-sell"*"), unless most of
    it is the speaker's quoted words ("it referenced *"political tensions"*")."""
    if not words or any(t.dep_ in _SUBJECTS or t.dep_ == "mark" for t in words):
        return False  # a clause of its own, not a thing named
    if any(t.lower_ == "as" and t.dep_ == "prep" for t in words):
        return False  # "described him *as a liar*" judges
    quoted = sum(1 for t in words if reader.quoted(t.idx))
    return 2 * quoted < len(words)


@lru_cache(maxsize=1)
def _statement_words() -> dict[str, str]:
    """``data/statement_words.tsv``: learned cue lemma -> its class ("words", "views",
    "wishes", "stances", "findings"); a row without a known class is an error naming
    its line."""
    out = {}
    for number, cells in data_lines("statement_words.tsv"):
        if len(cells) < 2 or cells[1] not in _STATEMENT_CLASSES:
            raise ValueError(
                f"statement_words.tsv:{number}: expected lemma<TAB>class, class one of "
                f"{', '.join(_STATEMENT_CLASSES)}"
            )
        out[cells[0].lower()] = cells[1]
    return out
