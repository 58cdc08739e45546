"""Names of people across articles: how a name splits (given names, surname,
particles, suffixes), when two spellings are one person (Zelenskiy / Zelensky /
Zelenskyy, Podolyak / Podoliak: transliteration-folded, fuzzy surnames plus compatible
given names, after an editable alias table, :func:`load_aliases`, for what rules cannot
know: Joe / Joseph), one canonical name per person over a report
(:func:`canonical_names`), and the data files that say what a word before a name is
(titles, honorifics, relations, organisation heads). Only data files are cached;
everything else is pure.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from crosswire.annotate.speaking import (
    a_role_word,
    is_honorific,
    is_title,
    names_a_person,
    speaking_nouns,
)
from crosswire.annotate.tables import data_lines, data_words
from crosswire.settings import ALIASES_ENV

if TYPE_CHECKING:
    from spacy.tokens import Token

SURNAME_SIMILARITY = 88.0
GIVEN_NAME_SIMILARITY = 80.0
_MIN_FUZZY_SURNAME = 5
_PARTICLES = frozenset(
    {"de", "da", "di", "do", "dos", "du", "del", "della", "der", "den", "van", "von", "ter", "ten"}
    | {"la", "le", "al", "el", "bin", "ibn", "abu", "st"}
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_FOLDS = (("kh", "h"), ("w", "v"), ("j", "i"), ("y", "i"))
_FEMININE_ENDINGS = ("a", "e", "ine", "ina", "ette")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Lower-cased demonym or short form -> place (``austrian`` -> ``Austria``)."""
    return {cells[0].lower(): cells[1] for _, cells in data_lines("demonyms.tsv")}


@lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """A spelling key that transliteration variants share.

    Zelenskiy, Zelensky and Zelenskyy all become ``zelenski``; Podolyak and
    Podoliak ``podoliak``; Volodymyr and Volodimir ``volodimir``: accents go,
    y/j become i, kh becomes h, w becomes v, doubled letters collapse.
    """
    decomposed = unicodedata.normalize("NFKD", word)
    letters = "".join(c for c in decomposed if c.isalnum()).lower()
    for old, new in _FOLDS:
        letters = letters.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", letters)


def name_key(name: str) -> str:
    """Case, accent, punctuation and honorific insensitive form for exact lookups."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    words = re.findall(r"[\w]+", plain.replace("’", "'").replace("'s ", " "))
    while words and is_honorific(words[0]):
        words = words[1:]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True)
class NameParts:
    """A person-like name split for matching: folded given names and surname."""

    given: tuple[str, ...]
    surname: str


@lru_cache(maxsize=8192)
def name_parts(name: str) -> NameParts | None:
    """Split a person-like name; ``None`` for descriptions ("Western officials").

    Person-like means one to five capitalised words (particles such as "van"
    and initials allowed) once honorifics and suffixes are dropped.
    """
    words = [w for w in re.split(r"\s+", name.replace("’", "'").strip()) if w]
    while words and is_honorific(words[0]):
        words = words[1:]
    while words and words[-1].lower().rstrip(".").rstrip(",") in _SUFFIXES:
        words = words[:-1]
    if not 1 <= len(words) <= 5 or words[0].lower() == "the":
        return None  # "The Republican National Committee" is no person's name
    for word in words:
        if word.lower() in _PARTICLES:
            continue
        if not word[0].isupper() or "'s" in word.lower() or not fold(word):
            return None
    surname = words[-1]
    given = tuple(fold(w) for w in words[:-1] if w.lower() not in _PARTICLES)
    return NameParts(given=given, surname=fold(surname))


def surnames_match(a: str, b: str) -> bool:
    """Folded surnames that are one spelling: equal, or close and ending alike.

    Requiring the same last letter keeps feminine forms apart (Zelenska is
    not Zelensky, Peskova not Peskov); short names must match exactly.
    """
    if a == b:
        return True
    if min(len(a), len(b)) < _MIN_FUZZY_SURNAME or a[-1] != b[-1]:
        return False
    return fuzz.ratio(a, b) >= SURNAME_SIMILARITY


def given_compatible(a: Sequence[str], b: Sequence[str], *, close: bool = True) -> bool:
    """Given names that may be the same person's: one side absent, or some pair agrees
    ("Aung San Suu Kyi" is "Suu Kyi").

    Agreeing means equal after folding, a first name's initial ("J." of Joe; a middle
    initial is no one's first name: Jeffrey M. Jones is not Mark Jones), or, when
    ``close``, close in spelling (Dmitry / Dmitri / Dmytro).
    """
    if not a or not b:
        return True
    for x in a:
        for y in b:
            if x == y:
                return True
            if (len(x) == 1 and x == a[0] and y.startswith(x)) or (
                len(y) == 1 and y == b[0] and x.startswith(y)
            ):
                return True
            if not close or _gendered_pair(x, y):
                continue  # Eric and Erica Garner are father and daughter
            if min(len(x), len(y)) > 2 and fuzz.ratio(x, y) >= GIVEN_NAME_SIMILARITY:
                return True
    return False


def _gendered_pair(x: str, y: str) -> bool:
    """Whether one given name is the other with a feminine ending (Eric / Erica, Paul /
    Paula, Daniel / Danielle): close in spelling, yet two people."""
    short, long = sorted((x, y), key=len)
    return long.startswith(short) and long[len(short) :].lstrip(short[-1:]) in _FEMININE_ENDINGS


def parts_match(a: NameParts, b: NameParts) -> bool:
    """Whether two names are one person's: surnames one spelling, given names compatible,
    and never both only close (Dean Baker and Dan Backer are two people)."""
    if not surnames_match(a.surname, b.surname):
        return False
    return given_compatible(a.given, b.given, close=a.surname == b.surname)


@dataclass(frozen=True)
class AliasTable:
    """Known spellings of a name, ``(canonical, variant)`` pairs in file order.

    Later pairs win, so a user's file overrides the bundled one. A variant that
    is a single word (a surname) also maps full names ending in it whose given
    names fit the canonical's.
    """

    pairs: tuple[tuple[str, str], ...] = ()

    @cached_property
    def _index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for canonical, _ in self.pairs:
            index[name_key(canonical)] = canonical
        for canonical, variant in self.pairs:
            index[name_key(variant)] = canonical
        return index

    def canonical_of(self, name: str) -> str | None:
        """The canonical form the table gives for ``name``, if any."""
        key = name_key(name)
        if not key:
            return None
        found = self._index.get(key)
        if found is not None:
            return found
        parts = name_parts(name)
        words = key.split()
        while words and words[-1] in _SUFFIXES:
            words = words[:-1]  # "Joseph R. Biden Jr.": the surname is Biden
        if parts is None or len(words) < 2:
            return None
        if (found := self._index.get(" ".join(words))) is not None:
            return found
        by_surname = self._index.get(words[-1])
        if by_surname is None:
            return None
        target = name_parts(by_surname)
        if target is not None and given_compatible(parts.given, target.given):
            return by_surname
        return None

    def resolve(self, name: str) -> str:
        """``name`` in its canonical form (itself when the table does not know it)."""
        return self.canonical_of(name) or name


def parse_aliases(text: str, origin: str = "<aliases>") -> tuple[tuple[str, str], ...]:
    """Pairs of an alias file; a malformed line is an error naming file and line."""
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != 2 or not all(cells):
            raise ValueError(f"{origin}:{number}: expected 'canonical<TAB>variant', got {line!r}")
        pairs.append((cells[0], cells[1]))
    return tuple(pairs)


@lru_cache(maxsize=1)
def _bundled_pairs() -> tuple[tuple[str, str], ...]:
    text = (resources.files("crosswire.annotate") / "data" / "aliases.tsv").read_text("utf-8")
    return parse_aliases(text, "crosswire/annotate/data/aliases.tsv")


@lru_cache(maxsize=8)
def _user_pairs(path: str, mtime_ns: int, size: int) -> tuple[tuple[str, str], ...]:
    """A user alias file, re-read only when it changes (mtime and size are the key)."""
    return parse_aliases(Path(path).read_text(encoding="utf-8"), path)


def load_aliases(path: Path | None = None) -> AliasTable:
    """The bundled alias table plus a user file.

    The user file is ``path`` when given, else the file named by the
    ``CROSSWIRE_ALIASES`` environment variable, if set; its lines override
    the bundled ones.
    """
    if path is None and os.environ.get(ALIASES_ENV):
        path = Path(os.environ[ALIASES_ENV])
    pairs = _bundled_pairs()
    if path is not None:
        stat = path.stat()
        pairs = pairs + _user_pairs(str(path), stat.st_mtime_ns, stat.st_size)
    return AliasTable(pairs)


def same_person(a: str, b: str, aliases: AliasTable) -> bool:
    """Whether two speaker names denote one person (or one organisation).

    Names the alias table gives one canonical form are the same; person-like
    names match on fuzzy folded surnames with compatible given names
    ("Joe Biden" is not "Hunter Biden", "Peskov" is "Dmitry Peskov");
    descriptions ("Ukraine's chief negotiator") only match themselves.
    """
    ca, cb = aliases.resolve(a), aliases.resolve(b)
    if name_key(ca) == name_key(cb):
        return True
    pa, pb = name_parts(ca), name_parts(cb)
    if pa is None or pb is None:
        return False
    return parts_match(pa, pb)


def speaker_matches(query: str, name: str, aliases: AliasTable) -> bool:
    """Whether a reader's query names this speaker: the same person (:func:`same_person`:
    "Trump" and "Donald J. Trump" find Donald Trump), or one word that is one of the
    speaker's given names ("Hillary" finds Hillary Clinton, not only a speaker named
    just "Hillary")."""
    if same_person(query, name, aliases):
        return True
    words = query.split()
    parts = name_parts(aliases.resolve(name))
    return len(words) == 1 and parts is not None and fold(words[0]) in parts.given


def _completeness(name: str) -> int:
    """How much of a person a name gives: given names and surname, initials not counted,
    so "Donald J. Trump" is no more complete than "Donald Trump" and the spelling
    written more often is the canonical one."""
    parts = name_parts(name)
    return 0 if parts is None else sum(len(g) > 1 for g in parts.given) + 1


def _garbled(name: str) -> bool:
    """A spelling an encoding error made ("Enrique PeÃ±a Nieto"): never the canonical
    one while the person is also written right."""
    return "Ã" in name or "Â" in name


def _odd_given(name: str) -> bool:
    """A first given name that is no known one ("Dog Andres", a typo of "Doug"): the
    other spelling is the canonical one."""
    parts = name_parts(name)
    first = parts.given[0] if parts is not None and parts.given else ""
    return len(first) > 1 and first not in given_name_genders()


def _buckets(name: str, aliases: AliasTable) -> tuple[tuple[str, ...], ...]:
    """Where a name's person can be among many: names that are one person share their
    key ("The Washington Post" / "Washington Post") or the first and last letters of
    their folded surname ("Zelensky" / "Zelenskiy"). So grouping a whole report's
    speakers is not one comparison per pair of names."""
    resolved = aliases.resolve(name)
    parts = name_parts(resolved)
    key = ("key", name_key(resolved))
    if parts is None or not parts.surname:
        return (key,)
    return key, ("surname", parts.surname[0], parts.surname[-1])


def canonical_names(names: Iterable[str], aliases: AliasTable) -> dict[str, str]:
    """Map every name to one canonical form for its person.

    Names are grouped most complete first; a group only takes a name that
    matches all its members, and a bare surname that fits several groups
    ("Biden" beside "Joe Biden" and "Hunter Biden") stays on its own. The
    canonical form is the alias table's when it knows the person, else the
    most complete, then most frequent, then alphabetically first spelling.
    """
    counts = Counter(names)
    order = sorted(
        counts,
        key=lambda n: (_garbled(n), -_completeness(n), _odd_given(n), -counts[n], n.casefold(), n),
    )
    groups: list[list[str]] = []
    by_bucket: dict[tuple[str, ...], list[int]] = {}
    for name in order:
        buckets = _buckets(name, aliases)
        near = sorted({g for b in buckets for g in by_bucket.get(b, ())})
        fits = [g for g in near if all(same_person(name, m, aliases) for m in groups[g])]
        if len(fits) == 1 or (fits and _completeness(name) > 1):
            groups[fits[0]].append(name)
            home = fits[0]
        else:
            groups.append([name])
            home = len(groups) - 1
        for b in buckets:
            if home not in by_bucket.setdefault(b, []):
                by_bucket[b].append(home)
    mapping: dict[str, str] = {}
    for group in groups:
        known = [c for c in (aliases.canonical_of(m) for m in group) if c is not None]
        canonical = known[0] if known else group[0]
        for member in group:
            mapping[member] = canonical
    return mapping


def organisation_heads() -> frozenset[str]:
    return data_words("organisation_heads.tsv")


def _relation_nouns() -> frozenset[str]:
    return data_words("relation_nouns.tsv")


def is_relation_noun(word: Token) -> bool:
    """Whether a noun says how a person stands to another ("daughter", "rival")."""
    return word.lemma_.lower() in _relation_nouns() or word.lower_ in _relation_nouns()


def no_role(role: Sequence[Token], phrase: Sequence[Token]) -> bool:
    """Words before a name that are no title, office or affiliation: a relation to
    another person ("rival Hillary Clinton", "his 17-year-old daughter, Ellie"), a
    run that ends in no noun ("is also predictable - Donald J. Trump has vowed") or in
    a plural, which one person does not hold ("Presidential candidates Hillary Clinton
    and Donald Trump", "lower expectations Donald Trump"), or a title not held ("our
    potential United States senator, Bobby Scott")."""
    last = role[-1]
    if last.pos_ not in ("NOUN", "PROPN") and not is_title(last.text):
        return True
    if not _a_person_noun(last):
        return True  # "2:30 *p.m.* Vermont Sen.", "in a little *tweet*": no one's title
    if last.tag_ in PLURAL_TAGS or _not_held(phrase):
        return True
    return is_relation_noun(last)


def _a_person_noun(word: Token) -> bool:
    """A noun one person can be: a title ("Sen.", "secretary"), a person noun
    ("candidate"), or one made for who does something ("front-runner", "nominee",
    "strategist"); not "p.m." or "tweet"."""
    if names_a_person(word.text) or names_a_person(word.lemma_) or _titled(word):
        return True
    return a_role_word(word.text)


def _titled(noun: Token) -> bool:
    """A noun a title word makes a role: "the *first* lady, Michelle Obama"."""
    return any(c.dep_ in ("amod", "compound") and is_title(c.text) for c in noun.children)


def _unheld() -> frozenset[str]:
    return data_words("unheld_titles.tsv")


def _not_held(phrase: Sequence[Token]) -> bool:
    """A title the words of its phrase say is not held: "our *potential* United States
    senator", "a *would-be* president" (the tokenizer splits "would-be")."""
    written = span_text(phrase).lower().split()  # the doc's words, hyphens kept
    return any(word in _unheld() for word in written)


@lru_cache(maxsize=1)
def given_name_genders() -> dict[str, str]:
    """``data/given_names.tsv``: a given name's usual gender ("elizabeth" -> "f"); a
    row with another gender than m or f is an error naming its line."""
    out = {}
    for number, cells in data_lines("given_names.tsv"):
        if len(cells) < 2 or cells[1] not in ("m", "f"):
            raise ValueError(f"given_names.tsv:{number}: expected name<TAB>m|f")
        out[fold(cells[0])] = cells[1]
    return out


def a_given_name(word: str) -> bool:
    """Whether a word is a known given name ("Carly", "Hillary"), spelled as written."""
    return fold(word) in given_name_genders()


def organisation_nouns() -> dict[str, frozenset[str]]:
    """Noun -> last words of the names it does not stand for (organisation_nouns.tsv)."""
    return {
        cells[0].lower(): frozenset(cells[1].lower().split() if len(cells) > 1 else ())
        for _, cells in data_lines("organisation_nouns.tsv")
    }


def may_name_a_person(noun: Token) -> bool:
    """Whether the noun a name is set in apposition to can be that person's role: a
    title, a person noun or a noun that speaks ("Kremlin spokesman, Dmitry Peskov"),
    not the thing talked of before it ("after the election, Minyon Moore, a senior
    adviser")."""
    lemma = noun.lemma_.lower()
    return (
        names_a_person(lemma)
        or lemma in speaking_nouns()
        or noun.lower_ in speaking_nouns()
        or _titled(noun)
    )


def names_a_body(name: str) -> bool:
    """Whether a capitalised name ends in an organisation's, a body's or a publication's
    word ("Missouri Senate", "NY Post", "Principles PAC"): a name, but no person's."""
    words = name.split()
    return bool(words) and words[-1].lower().rstrip(".") in organisation_heads()


def _a_person(name: str) -> bool:
    """Whether a speaker's name reads as a person's: capitalised words, no possessive
    ("Fox News' Bret Baier"), no organisation's ("Missouri Senate")."""
    parts = name_parts(name)
    if parts is None or not name[:1].isupper() or "'" in name.replace("’", "'"):
        return False
    return not names_a_body(name)


def with_people(aliases: AliasTable, names: Iterable[str]) -> AliasTable:
    """The alias table, plus the people ``names`` (every speaker of a report, across its
    stories) show: each person's spellings map to one canonical name, so that "Donald
    J. Trump" in one story and "Donald Trump" in another, or "Priebus" where a story
    never gives his first name, are one person. A surname that fits several people
    (Bill and Hillary Clinton) is left to each story, and so are organisations and
    descriptions: "the Senate" of one story is not the "Missouri Senate" of another."""
    mapping = canonical_names([n for n in names if _a_person(n)], aliases)
    extra = tuple((canonical, name) for name, canonical in mapping.items() if name != canonical)
    return AliasTable(aliases.pairs + extra) if extra else aliases


def span_text(tokens: Sequence[Token]) -> str:
    # a slice of the doc, not ``doc.text`` (which joins the whole text on every call)
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
