"""Online story assignment: each new article joins a story, starts one, or regroups its neighbours.

Stories are groups of articles about one real-world event. A new article is
compared with the stories an inverted index finds for its rarest features
(never with all stories), and then the article and the members of its nearest
stories are grouped again by average-link clustering. That local regrouping
is what lets stories merge when a new article joins them, and lets a story
that absorbed a similar but different event (a second earthquake, a later
round of talks) split once enough of that event's reports arrive. Only the
neighbourhood is re-read, so the cost per article does not grow with the
corpus.

Similarity of two articles is the weighted sum, over feature families
(:mod:`crosswire.link.features`), of TF-IDF cosines, with rarity taken from the
corpus as it is when the article arrives, times a decay when both articles
carry publication times far apart.

Words alone are not enough: two pages of one site share boilerplate ("Your
browser does not support the audio element."), two reports on one person
share names. So the meaning of the articles' leads (headline and opening,
:data:`AnnotatedArticle.vector`) must agree too: two groups join only when
their leads are alike on average (``meaning_gate``), whatever their words
share. Meaning never joins stories by itself, except two or three lone
reports whose leads say nearly the same (``meaning_route``): two reports of
one earthquake read alike, but so do reports of two earthquakes, and only
names, places, numbers and dates tell those apart.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from scipy import sparse

from crosswire.link.features import (
    BUCKET_BITS,
    BUCKETS,
    FAMILIES,
    FAMILY_NAMES,
    FAMILY_WEIGHTS,
    LinkFeatures,
)
from crosswire.model import AnnotatedArticle, Placement, StorySignal


@dataclass(frozen=True)
class LinkParams:
    """Thresholds of story linking, tuned on ECB+ (see ``crosswire bench clusters``).

    ``join``: average similarity at which two groups are one story.
    ``attach``: a group of at most ``small`` articles joins its nearest
    larger story at this lower similarity (short or noisy reports of a known
    event), if their words alone are at least ``attach_topical`` alike.
    ``near``: a story is in the neighbourhood to regroup from this similarity
    on. ``prior_documents``: rarity is measured as if the corpus held that
    many more articles without the feature, so the first few articles (where
    every shared word looks common) can still be compared. The rest bound the
    work per article.

    Meaning (lead cosine, decayed like the words): groups join only when
    their leads average at least ``meaning_gate``; a small group attaches
    only at ``attach_meaning``. Groups of at most ``small`` articles in all
    may also join on meaning alone: leads at ``meaning_route`` with words at
    least ``route_words`` alike. Gate and route were set on SemEval-2022
    Task 8 pairs as a stream (``crosswire bench stories``), keeping ECB+.
    """

    join: float = 0.22
    attach: float = 0.08
    small: int = 3
    near: float = 0.03
    neighbours: int = 5
    candidates: int = 8
    index_keys: int = 16
    postings: int = 64
    member_sample: int = 24
    half_life_days: float = 3.0
    grace_days: float = 1.0
    prior_documents: int = 50
    attach_topical: float = 0.08
    meaning_gate: float = 0.58
    attach_meaning: float = 0.2
    meaning_route: float = 0.68
    route_words: float = 0.10


DEFAULT_PARAMS = LinkParams()


class LinkState(Protocol):
    """What linking reads of the corpus: counts, an inverted index, story membership."""

    def documents(self) -> int:
        """How many articles have been linked so far."""
        ...

    def frequencies(self, buckets: np.ndarray) -> np.ndarray:
        """In how many linked articles each feature bucket occurs."""
        ...

    def posted(self, key: int, limit: int) -> Sequence[str]:
        """The latest article ids posted under an index key, newest first."""
        ...

    def stories_of(self, article_ids: Collection[str]) -> Mapping[str, str]:
        """The story id of each article."""
        ...

    def members(self, story_id: str, limit: int) -> Sequence[LinkFeatures]:
        """Features of a story's latest ``limit`` articles, newest first."""
        ...

    def size(self, story_id: str) -> int:
        """How many articles the story has."""
        ...


@dataclass(frozen=True)
class Regrouping:
    """What placing one article changes: apply it to the state that was read.

    ``moves`` assigns single articles (always including the new one) to
    stories; ``merges`` folds whole stories into others.
    """

    features: LinkFeatures
    index_keys: tuple[int, ...]
    moves: tuple[tuple[str, str], ...]
    merges: tuple[tuple[str, str], ...]
    placement: Placement


@dataclass
class _Unit:
    """A clustering unit: one article, or a story too large to split (a block)."""

    rows: list[int]
    size: int
    article_id: str | None = None
    story_id: str | None = None
    old_story: str | None = None


def place(
    features: LinkFeatures, state: LinkState, params: LinkParams = DEFAULT_PARAMS
) -> Regrouping:
    """Place ``features``' article among the stories of ``state`` (which is not changed)."""
    n_docs = state.documents() + 1
    own_df = state.frequencies(features.buckets)
    index_keys, seen = _index_keys(features, own_df, n_docs, params)
    candidates = _candidate_stories(seen, state, params)
    members = {s: list(state.members(s, params.member_sample)) for s in candidates}
    members = {s: ms for s, ms in members.items() if _reachable(features, ms, params)}
    candidates = list(members)
    items = [features] + [m for ms in members.values() for m in ms]
    space = _Space.build(items, state, n_docs, params)
    sims = space.sims

    rows_of: dict[str, list[int]] = {}
    row = 1
    for story, ms in members.items():
        rows_of[story] = list(range(row, row + len(ms)))
        row += len(ms)
    closeness = {s: float(sims[0, rows_of[s]].mean()) for s in candidates}
    near = sorted(
        (s for s in candidates if closeness[s] >= params.near), key=lambda s: -closeness[s]
    )
    units = [_Unit(rows=[0], size=1, article_id=features.article_id)]
    for story in near[: params.neighbours]:
        size = state.size(story)
        if size > len(members[story]):
            units.append(_Unit(rows=rows_of[story], size=size, story_id=story, old_story=story))
        else:
            for r, member in zip(rows_of[story], members[story], strict=True):
                units.append(_Unit(rows=[r], size=1, article_id=member.article_id, old_story=story))
    groups = _cluster(units, space, params)
    moves, merges, story_id, group = _assign_ids(groups, units, features.article_id)
    placement = _placement(features.article_id, story_id, group, units, space)
    return Regrouping(features, index_keys, moves, merges, placement)


# -- weighting and similarity ------------------------------------------------------------------

_DENSE_CELLS = 200_000
_CONTENT = np.array([FAMILIES.index(f) for f in ("t", "p", "l")])
_CONTENT_SHARE = float(sum(FAMILY_WEIGHTS[f] for f in ("t", "p", "l")))
_FAMILY_SHARE = np.array([FAMILY_WEIGHTS[f] for f in FAMILIES])


@dataclass(frozen=True)
class _Space:
    """The articles of one placement as weighted vectors, and their similarities.

    Weights are TF-IDF per family with the corpus's current counts; each
    family's part of a vector has length sqrt(its share), so a dot product is
    the share-weighted sum of per-family cosines. ``decay`` is the factor
    publication times put on each pair; ``meaning`` the pairs' lead cosines,
    decayed alike (NaN where an article's lead is unknown).
    """

    vectors: np.ndarray | sparse.csr_matrix
    family: np.ndarray
    sims: np.ndarray
    decay: np.ndarray
    meaning: np.ndarray

    @staticmethod
    def build(
        items: Sequence[LinkFeatures], state: LinkState, n_docs: int, params: LinkParams
    ) -> _Space:
        """Vectors of ``items`` (the first is the article being placed) and their similarities."""
        every = np.concatenate([item.ids for item in items])
        counts = np.concatenate([item.counts for item in items])
        rows = np.repeat(np.arange(len(items)), [len(item.ids) for item in items])
        ids, columns = np.unique(every, return_inverse=True)
        df = state.frequencies(ids & (BUCKETS - 1)).astype(np.float64)
        df += np.isin(ids, items[0].ids)  # the new article counts itself
        # a feature in no other article cannot make two articles alike
        idf = np.where(
            df >= 2, np.log((n_docs + params.prior_documents) / np.maximum(df, 1.0)), 0.0
        )
        weights = (1.0 + np.log(counts)) * idf[columns]
        families = every >> BUCKET_BITS
        cells = rows * len(FAMILIES) + families
        norms = np.bincount(cells, weights * weights, minlength=len(items) * len(FAMILIES))
        share = np.tile(_FAMILY_SHARE, len(items))
        scale = np.sqrt(np.divide(share, norms, out=np.zeros_like(norms), where=norms > 0))
        values = weights * scale[cells]
        vectors: np.ndarray | sparse.csr_matrix
        if len(items) * len(ids) <= _DENSE_CELLS:  # small neighbourhoods: dense is faster
            vectors = np.zeros((len(items), len(ids)))
            vectors[rows, columns] = values
            sims = vectors @ vectors.T
        else:
            shape = (len(items), len(ids))
            vectors = sparse.csr_matrix((values, (rows, columns)), shape=shape)
            sims = (vectors @ vectors.T).toarray()
        family = ids >> BUCKET_BITS
        times = np.array([np.nan if i.published is None else i.published for i in items])
        days = np.abs(times[:, None] - times[None, :]) / 86400.0
        late = np.nan_to_num(days - params.grace_days, nan=0.0).clip(min=0.0)
        decay = np.power(0.5, late / params.half_life_days)
        return _Space(vectors, family, sims * decay, decay, _meaning(items) * decay)

    def topical(self, a: Sequence[int], b: Sequence[int]) -> float:
        """Average similarity of rows ``a`` and ``b`` over the word families only, as a cosine."""
        words = np.isin(self.family, _CONTENT)
        left, right = self.vectors[list(a)][:, words], self.vectors[list(b)][:, words]
        products = left @ right.T
        dense = products.toarray() if sparse.issparse(products) else np.asarray(products)
        return float((dense * self.decay[np.ix_(list(a), list(b))]).mean() / _CONTENT_SHARE)


def _meaning(items: Sequence[LinkFeatures]) -> np.ndarray:
    """Lead cosines of every pair of ``items``; NaN for an article whose lead is unknown."""
    width = max((len(i.lead) for i in items if i.lead is not None), default=0)
    leads = np.full((len(items), width), np.nan)
    for row, item in enumerate(items):
        if item.lead is not None and len(item.lead) == width:
            leads[row] = item.lead
    cosines: np.ndarray = leads @ leads.T
    return cosines


def _index_keys(
    features: LinkFeatures, df: np.ndarray, n_docs: int, params: LinkParams
) -> tuple[tuple[int, ...], list[int]]:
    """Keys to post the article under (its rarest seen features and best new ones), and
    the seen ones, to look candidates up with."""
    share = _FAMILY_SHARE[features.families]
    rarity = (1.0 + np.log(features.counts)) * share * np.log(n_docs / (df + 1.0))
    order = np.lexsort((features.ids, -rarity))
    seen = [int(features.ids[i]) for i in order if df[i] > 0][: params.index_keys]
    new = [int(features.ids[i]) for i in order if df[i] == 0][: params.index_keys]
    return tuple(seen + new), seen


def _reachable(features: LinkFeatures, members: Sequence[LinkFeatures], params: LinkParams) -> bool:
    """Whether publication times leave the story any chance of being near the article."""
    if features.published is None:
        return True
    times = [m.published for m in members if m.published is not None]
    if len(times) < len(members):
        return True
    days = min(abs(features.published - t) for t in times) / 86400.0
    return bool(0.5 ** (max(0.0, days - params.grace_days) / params.half_life_days) >= params.near)


def _candidate_stories(keys: Sequence[int], state: LinkState, params: LinkParams) -> list[str]:
    """Stories whose articles share the most of these (the article's rarest seen) features."""
    posted = [a for key in keys for a in state.posted(key, params.postings)]
    story_of = state.stories_of(set(posted))
    hits = Counter(story_of[a] for a in posted if a in story_of)
    return [s for s, _ in sorted(hits.items(), key=lambda x: (-x[1], x[0]))[: params.candidates]]


# -- regrouping -------------------------------------------------------------------------------


def _cluster(units: list[_Unit], space: _Space, params: LinkParams) -> list[list[int]]:
    """Average-link over units while groups agree in words and meaning; then small groups
    attach to their nearest big one.

    Two groups join when their average word similarity reaches ``join`` and
    their leads average ``meaning_gate``; groups of ``small`` articles in all
    also when their leads reach ``meaning_route`` (:func:`_strength`).
    Attaching (at the lower ``attach`` similarity) also needs the words to
    agree (``attach_topical``) and the leads not to disagree
    (``attach_meaning``): a short report of a known event shares its
    vocabulary, a new small story that only shares weekdays and a country
    does not.
    """
    n = len(units)
    spread = np.zeros((n, space.sims.shape[0]))
    for u, unit in enumerate(units):
        spread[u, unit.rows] = 1.0
    sums = spread @ space.sims @ spread.T
    meanings = spread @ space.meaning @ spread.T
    counts = spread.sum(axis=1)
    sizes = np.array([u.size for u in units])
    groups: dict[int, list[int]] = {i: [i] for i in range(n)}
    active = np.ones(n, dtype=bool)
    while len(groups) > 1:
        pairs = np.outer(counts, counts)
        strength = _strength(sums / pairs, meanings / pairs, np.add.outer(sizes, sizes), params)
        strength[~active, :] = -np.inf
        strength[:, ~active] = -np.inf
        np.fill_diagonal(strength, -np.inf)
        i, j = np.unravel_index(int(np.argmax(strength)), strength.shape)
        if strength[i, j] < 1.0:
            break
        for table in (sums, meanings):
            table[i, :] += table[j, :]
            table[:, i] += table[:, j]
        counts[i] += counts[j]
        sizes[i] += sizes[j]
        active[j] = False
        groups[int(i)] += groups.pop(int(j))
    big = [g for g in groups if sizes[g] > params.small]
    merged = {g: list(m) for g, m in groups.items()}

    def rows(group: int) -> list[int]:
        return [r for u in groups[group] for r in units[u].rows]

    for g in sorted(groups, key=lambda g: min(groups[g])):
        if sizes[g] > params.small or not big:
            continue
        pairs = counts[g] * counts[big]
        scores = np.where(
            meanings[g, big] / pairs < params.attach_meaning, -np.inf, sums[g, big] / pairs
        )
        best = int(np.argmax(scores))
        if scores[best] < params.attach:
            continue
        if space.topical(rows(g), rows(big[best])) >= params.attach_topical:
            merged[big[best]] += merged.pop(g)
    return [sorted(m) for m in merged.values()]


def _strength(
    words: np.ndarray, meaning: np.ndarray, sizes: np.ndarray, params: LinkParams
) -> np.ndarray:
    """How strongly each pair of groups should join (>= 1 joins), from their average
    word similarity and lead meaning (NaN, unknown, never vetoes) and their sizes."""
    with np.errstate(invalid="ignore"):
        by_words = np.where(meaning < params.meaning_gate, 0.0, words / params.join)
        route = (sizes <= params.small) & (words >= params.route_words)
        by_meaning = np.where(route, np.nan_to_num(meaning) / params.meaning_route, 0.0)
    strength: np.ndarray = np.maximum(by_words, by_meaning)
    return strength


def _new_story_id(article_ids: Sequence[str]) -> str:
    return "s-" + hashlib.sha256(min(article_ids).encode()).hexdigest()[:10]


def _assign_ids(
    groups: list[list[int]], units: list[_Unit], article_id: str
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], str, list[int]]:
    """Give each group a story id, keeping old ids where most of a group came from."""
    overlap: Counter[tuple[int, str]] = Counter()
    for g, members in enumerate(groups):
        for u in members:
            old = units[u].old_story
            if old is not None:
                overlap[(g, old)] += units[u].size
    ids: dict[int, str] = {}
    taken: set[str] = set()
    for (g, story), _ in sorted(overlap.items(), key=lambda x: (-x[1], x[0])):
        if g not in ids and story not in taken:
            ids[g] = story
            taken.add(story)
    moves: list[tuple[str, str]] = []
    merges: list[tuple[str, str]] = []
    mine = 0
    for g, members in enumerate(groups):
        if g not in ids:
            names = [units[u].article_id or units[u].story_id or "" for u in members]
            ids[g] = _new_story_id(names)
        for u in members:
            unit = units[u]
            if unit.article_id == article_id:
                mine = g
            if unit.story_id is not None:
                if unit.story_id != ids[g]:
                    merges.append((unit.story_id, ids[g]))
            elif unit.article_id is not None and unit.old_story != ids[g]:
                moves.append((unit.article_id, ids[g]))
    return tuple(moves), tuple(merges), ids[mine], groups[mine]


def _placement(
    article_id: str, story_id: str, group: list[int], units: list[_Unit], space: _Space
) -> Placement:
    """Why the article is where it is: its similarity to the story, and by which features."""
    others = [r for u in group for r in units[u].rows if r != 0]
    if not others:
        return Placement(article_id, story_id, (StorySignal("new_story", 1.0),))
    signals = [StorySignal("similarity", round(float(space.sims[0, others].mean()), 3))]
    meaning = float(space.meaning[0, others].mean())
    if not np.isnan(meaning):
        signals.append(StorySignal("meaning", round(meaning, 3)))
    vectors = space.vectors
    if isinstance(vectors, np.ndarray):
        mine, theirs = vectors[0], vectors[others].mean(axis=0)
    else:
        mine = vectors[0].toarray().ravel()
        theirs = np.asarray(vectors[others].mean(axis=0)).ravel()
    by_family = np.bincount(space.family, mine * theirs, minlength=len(FAMILIES))
    contributions = {f: float(by_family[i]) for i, f in enumerate(FAMILIES)}
    signals += [
        StorySignal(FAMILY_NAMES[f], round(v, 3))
        for f, v in sorted(contributions.items(), key=lambda x: -x[1])[:3]
        if v > 0
    ]
    old = {units[u].old_story for u in group if units[u].old_story is not None}
    if len(old) > 1:
        signals.append(StorySignal("merged_stories", float(len(old))))
    return Placement(article_id, story_id, tuple(signals))


# -- an in-memory state -----------------------------------------------------------------------


@dataclass
class MemoryLinkState:
    """:class:`LinkState` in memory, for benchmarks, tests and one-off runs."""

    postings_limit: int = DEFAULT_PARAMS.postings
    df: np.ndarray = field(default_factory=lambda: np.zeros(BUCKETS, dtype=np.int32))
    postings: dict[int, list[str]] = field(default_factory=dict)
    story: dict[str, str] = field(default_factory=dict)
    members_of: dict[str, list[str]] = field(default_factory=dict)
    features: dict[str, LinkFeatures] = field(default_factory=dict)
    seq: dict[str, int] = field(default_factory=dict)

    def documents(self) -> int:
        return len(self.story)

    def frequencies(self, buckets: np.ndarray) -> np.ndarray:
        found: np.ndarray = self.df[buckets]
        return found

    def posted(self, key: int, limit: int) -> Sequence[str]:
        return self.postings.get(key, [])[-limit:][::-1]

    def stories_of(self, article_ids: Collection[str]) -> Mapping[str, str]:
        return {a: self.story[a] for a in article_ids if a in self.story}

    def members(self, story_id: str, limit: int) -> Sequence[LinkFeatures]:
        ordered = sorted(self.members_of.get(story_id, []), key=self.seq.__getitem__)
        return [self.features[a] for a in ordered[-limit:][::-1]]

    def size(self, story_id: str) -> int:
        return len(self.members_of.get(story_id, ()))

    def apply(self, change: Regrouping) -> None:
        """Record the new article and the story changes placing it made."""
        features = change.features
        self.features[features.article_id] = features
        self.seq[features.article_id] = len(self.seq)
        np.add.at(self.df, features.buckets, 1)
        for key in change.index_keys:
            posting = self.postings.setdefault(key, [])
            posting.append(features.article_id)
            if len(posting) > 2 * self.postings_limit:
                del posting[: len(posting) - self.postings_limit]
        for source, target in change.merges:
            moved = self.members_of.pop(source, [])
            for a in moved:
                self.story[a] = target
            self.members_of.setdefault(target, []).extend(moved)
        for article, target in change.moves:
            old = self.story.get(article)
            if old is not None:
                self.members_of[old].remove(article)
                if not self.members_of[old]:
                    del self.members_of[old]
            self.story[article] = target
            self.members_of.setdefault(target, []).append(article)

    def labels(self) -> dict[str, str]:
        """Article id -> story id."""
        return dict(self.story)


def story_title(article: AnnotatedArticle) -> str:
    """The article's title, else its first sentence cut to a headline's length."""
    if article.article.title:
        return article.article.title
    first = article.sentences[0].text if article.sentences else article.article.text
    return first if len(first) <= 90 else first[:87].rsplit(" ", 1)[0] + "…"
