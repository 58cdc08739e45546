"""Where a reported content starts and ends: the parse's complement, mended where
the parse cuts a claim short or runs into the writer's words ("accused Holt *of
being a Democrat*", "..., *even as* footage circulated").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from crosswire.annotate.quote_reader import ParsedArticle
from crosswire.annotate.quotemarks import MARKS

SENTENCE_END = frozenset({".", "!", "?"})


CONTENT_PREPS = frozenset({"for", "to", "about", "of", "against", "on", "with", "over"})


SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


_WRITERS_VERBS = frozenset({"do", "happen", "occur"})  # ", which the police have not done"


_NOUN_MODIFIERS = frozenset({"det", "amod", "compound", "nummod", "poss", "case"})


def closed_before(clause: Token, cue: Token) -> bool:
    """A clause the parse hung on a cue from across a semicolon: "World leaders
    denounce N. Korea test*;* Obama, others vow consequences" (what they vow is not the
    denouncing); a clause reported before its cue ends at a comma."""
    between = clause.doc[clause.i + 1 : cue.i]
    return clause.i < cue.i and any(t.text == ";" for t in between)


def own_left_edge(cue: Token) -> int:
    """Where a cue's own words start: its subject, not the clause the parse hung before
    it ("*Though that transition was relatively seamless,* he said, replacing Clinton
    would be ..." is what he said, around his aside)."""
    kept = [c for c in cue.children if not (c.dep_ == "advcl" and c.i < cue.i)]
    return min([cue.i] + [c.left_edge.i for c in kept])


def opens_subordinate(token: Token) -> bool:
    """A cue opening a subordinate clause ("even *as* he says", "*while* she argued"),
    never a comment after the fact ("..., officials said")."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" for c in token.children)


def is_clausal(token: Token) -> bool:
    """A clause ("that ...", "to ..."), not a participle describing a noun."""
    return any(c.dep_ in ("mark", "aux") for c in token.children)


def with_coordinated(reader: ParsedArticle, words: list[Token], limit: int) -> list[Token]:
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
            (k for k, t in enumerate(rest) if t.text in ",;" or t.text in SENTENCE_END), None
        )
        words = words + after[: n + 2] + rest[:stop]


def through_colon(reader: ParsedArticle, words: list[Token], limit: int) -> list[Token]:
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
    if not any(t.dep_ in SUBJECTS for t in rest):
        return words
    return [*words, doc[colon], *rest]


def object_completed(chosen: list[Token], children: Sequence[Token]) -> list[Token]:
    """The preposition right after a cue's object that the parse hung on the cue but
    completes what it reports: "accused Holt *of being a Democrat*", "compares his
    struggles *to those of the former president*", "unveiled a list of endorsements
    *from 95 retired generals*". Not a day or place ("on Monday", "in a statement")."""
    end = max(c.right_edge.i for c in chosen)
    for child in children:
        if child.dep_ != "prep" or child.i != end + 1 or child in chosen:
            continue
        if child.lower_ not in CONTENT_PREPS and child.lower_ != "from":
            continue
        objects = [g for g in child.children if g.dep_ in ("pobj", "pcomp")]
        if objects and objects[0].ent_type_ not in ("DATE", "TIME"):
            return [child]
    return []


def with_subject(chosen: list[Token], children: Sequence[Token]) -> list[Token]:
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


def with_listed(reader: ParsedArticle, words: list[Token], limit: int) -> list[Token]:
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


def without_aside(words: list[Token], cue: Token) -> list[Token]:
    """A content ends before the reporter's aside on a person it names: a clause
    ", who ..." closing it ("not to pardon Hillary Clinton*, who has not been
    charged*", "the health of Donald Trump*, who is 70*"), on what came of the
    words (", which the police have not done"), or on who answered (", to which
    O'Malley interjected"). An aside holding the cue ("Schultz,
    who ..., Mr. King said, has ...") is the speaker's words."""
    last = words[-1]
    for token in words:
        if token.dep_ not in ("relcl", "advcl") or token.right_edge.i < last.i:
            continue
        first = token.left_edge
        who = first.lower_ == "who" and token.head.pos_ == "PROPN" and token.dep_ == "relcl"
        if not (who or _writers_which(first, token) or _answered(first, token)):
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


def _answered(first: Token, clause: Token) -> bool:
    """A closing ", to which X interjected": another speaker's answer, in the writer's
    voice ("her proposals were effective and strong*, to which O'Malley interjected*";
    audit sample 18 item 17076)."""
    return (
        first.lower_ in ("to", "at", "on")
        and first.i + 1 < len(first.doc)
        and first.nbor(1).lower_ == "which"
        and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in clause.children)
    )


def without_as_done(reader: ParsedArticle, words: list[Token]) -> list[Token]:
    """A content ends before the writer's closing "as promised" / "as expected": "He
    proposed dropping carried interest *as promised*" (what he proposed is the
    dropping; that he had promised it is the writer's note)."""
    if len(words) < 4 or reader.quoted(words[-1].idx):
        return words
    if words[-2].lower_ == "as" and words[-1].tag_ == "VBN":
        return words[:-2]
    return words


def fronted_object(first: Token, cue: Token, clause: Token) -> bool:
    """Whether a content opens with the object its clause fronted before the cue, the
    clause keeping its own subject after the cue: "what Trump says *his tax plan* would
    do" (not "which he said were at his side", where "which" is the subject)."""
    return (
        first.i < cue.i < clause.i
        and first.dep_ == "dobj"
        and first.head == clause
        and any(c.dep_ == "nsubj" and cue.i < c.i < clause.i for c in clause.children)
    )


#: Words opening the reporter's clause conceding something against a content after its
#: comma: "said he received an apology from a Fox executive*, though he did not say who
#: made the apology*", "that he would vote for Hillary Clinton*, though he hasn't
#: endorsed her*" (on the train dump 5 such clauses in 7 were the reporter's).
_CONCEDING = frozenset({"though", "although"})
#: A contrast that is another speaker's only when its own verb is a cue ("*, while Cruz
#: said that* ..."); else a poll's or a speaker's comparison goes on ("72 percent to 8
#: percent, while Republicans favored Trump": 10 of 13 on the train dump).
_WHILE = frozenset({"while", "whereas"})


def _spoken(reader: ParsedArticle, mark: Token) -> bool:
    """Whether the clause a subordinator opens has a speech cue for its verb ("while Cruz
    *said*"), not a cue the model only learned ("while Republicans *favored* Trump")."""
    cue = reader.cue_at.get(mark.head.i)
    return cue is not None and not cue.learned


def without_contrast(reader: ParsedArticle, words: list[Token], cue: Token) -> list[Token]:
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
        if (
            token.text == ","
            and after.dep_ == "mark"
            and (after.lower_ in _CONCEDING or (after.lower_ in _WHILE and _spoken(reader, after)))
            and cue.i < token.i
            and after.head.right_edge.i >= words[-1].i
            and any(c.dep_ == "nsubj" and c.i > after.i for c in after.head.children)
            and not reader.quoted(after.idx)
        ):
            return words[:k]  # ", though he did not say who", ", while Cruz said that"
    return words


def with_negation(text: str, end: int) -> int:
    """A content never ends before the negation written into its last word: the
    parse may leave a contraction's "n't" out ("as strong as those who do|n’t"),
    which turns the claim around."""
    for negation in ("n't", "n’t"):
        if text[end : end + len(negation)].lower() == negation:
            return end + len(negation)
    return end
