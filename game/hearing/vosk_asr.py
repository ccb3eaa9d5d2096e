"""Vosk (Kaldi) recognizer: one warmed ``KaldiRecognizer`` reused with ``Reset()``.

Building a recognizer per utterance costs 130-190 ms and runs at RTF 1.5-1.9 on the
build machine, against RTF ~0.2 for one kept warm, so exactly one is built per model
and mode. Grammar mode passes the room's phrases plus ``[unk]``; ``[unk]`` in a result
means the user said something outside the grammar and is reported, never dropped.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.events import WordTiming
from game.hearing.grammar import Vocabulary
from game.hearing.models import ModelError, ModelInfo, model_words, validate_model_dir
from game.hearing.protocols import SAMPLE_RATE, Recognition, nothing

UNK = "[unk]"
_MODELS: dict[Path, Any] = {}
_MODELS_LOCK = threading.Lock()


def load_model(path: Path) -> Any:
    """Load (once per process) a Vosk model directory after checking it is complete."""
    validate_model_dir(path)
    import vosk

    vosk.SetLogLevel(-1)
    key = path.resolve()
    with _MODELS_LOCK:
        if key not in _MODELS:
            try:
                _MODELS[key] = vosk.Model(str(key))
            except Exception as exc:  # vosk raises a bare Exception on a bad model
                raise ModelError(
                    f"{path}: Vosk could not load this model ({exc}); "
                    "fetch a fresh copy with: voxroom models fetch en-us"
                ) from None
        return _MODELS[key]


class VoskRecognizer:
    """Streaming Vosk with partials, word times and confidences."""

    name = "vosk"

    def __init__(self, model: ModelInfo, vocabulary: Vocabulary | None = None, warm: bool = True) -> None:
        import vosk

        self.model_info = model
        self._model = load_model(model.path)
        self.unknown_vocabulary: tuple[str, ...] = ()
        if vocabulary is not None:
            known = model_words(model.path)
            phrases = vocabulary.phrases()
            if known is not None:
                self.unknown_vocabulary = tuple(sorted(w for w in vocabulary.words() if w not in known))
                phrases = [p for p in phrases if all(w in known for w in p.split())]
            has_unk = known is None or UNK in known
            grammar = [*phrases, UNK] if has_unk else phrases
            self._rec = vosk.KaldiRecognizer(
                self._model, SAMPLE_RATE, json.dumps(grammar, ensure_ascii=False)
            )
            self.detail = f"{model.name}, grammar mode ({len(phrases)} phrases)"
        else:
            self._rec = vosk.KaldiRecognizer(self._model, SAMPLE_RATE)
            self.detail = f"{model.name}, free dictation"
        self._rec.SetWords(True)
        self._rec.SetPartialWords(False)
        self.still_working: Callable[[], None] = nothing  # no helper process: never called
        self._segments: list[dict[str, Any]] = []
        self._open = False
        # Vosk's word times count every sample fed since the recognizer was built,
        # across Reset(); remember where each utterance began to make them relative.
        self._fed_s = 0.0
        self._utt_start_s = 0.0
        if warm:
            self._warm_up()

    def _warm_up(self) -> None:
        """Run one second of low noise through so the first utterance is not slow."""
        import numpy as np

        rng = np.random.default_rng(0)
        noise = (rng.standard_normal(SAMPLE_RATE) * 30).astype("<i2").tobytes()
        self._rec.AcceptWaveform(noise)
        self._rec.FinalResult()
        self._rec.Reset()
        self._fed_s = self._utt_start_s = 1.0

    def accept(self, pcm: bytes) -> None:
        """Feed audio; Vosk may close an internal segment on a long pause, kept here."""
        self._fed_s += len(pcm) / 2 / SAMPLE_RATE
        if self._rec.AcceptWaveform(pcm):
            self._segments.append(json.loads(self._rec.Result()))
            self._open = False
        else:
            self._open = True

    def partial(self) -> str:
        """Text of closed segments plus the running partial (computed only when asked)."""
        running = str(json.loads(self._rec.PartialResult()).get("partial", "")) if self._open else ""
        done = " ".join(str(s.get("text", "")) for s in self._segments)
        return " ".join(x for x in (done, running) if x)

    def finish(self) -> Recognition:
        """Final result of the utterance, then ``Reset()`` for the next one."""
        self._segments.append(json.loads(self._rec.FinalResult()))
        self._rec.Reset()
        segments, self._segments, self._open = self._segments, [], False
        offset, self._utt_start_s = self._utt_start_s, self._fed_s
        words: list[WordTiming] = []
        for seg in segments:
            for w in seg.get("result", []):
                words.append(
                    WordTiming(
                        word=str(w["word"]),
                        start=round(max(0.0, float(w["start"]) - offset), 3),
                        end=round(max(0.0, float(w["end"]) - offset), 3),
                        conf=round(float(w.get("conf", 1.0)), 3),
                    )
                )
        if not words:  # grammar results without word entries still carry text
            tokens = " ".join(str(s.get("text", "")) for s in segments).split()
            unknown = tuple(w for w in tokens if w == UNK)
            return Recognition(" ".join(w for w in tokens if w != UNK), (), unknown)
        unknown = tuple(w.word for w in words if w.word == UNK)
        text = " ".join(w.word for w in words if w.word != UNK)
        return Recognition(text, tuple(words), unknown)

    def reset(self) -> None:
        """Drop the utterance in progress."""
        self._rec.Reset()
        self._segments, self._open = [], False
        self._utt_start_s = self._fed_s

    def close(self) -> None:
        """Nothing outside this process (Vosk's C calls release the GIL by themselves)."""
