"""The window's side of hearing: its status in the HUD, and fetching the Vosk model on F4.

A mixin of :class:`~game.desktop.app.App`, so the app module stays wiring; its handlers
join the app's one dispatch table (:class:`~game.dispatch.Dispatch` reads base classes).
"""

from __future__ import annotations

from dataclasses import replace

from game.conversation.runtime import Runtime
from game.desktop.hud import Hud
from game.dispatch import handles
from game.events import HearingStatus, ModelFetched, ModelFetchProgress
from game.hearing.engines import FETCH_HINT
from game.hearing.fetch_offer import ModelFetcher, mark_offered, offer_pending, progress_line

FETCH_OFFER = (
    "better speech recognition: press F4 to fetch the Vosk English model (about 40 MB, "
    "once; the only download Voxroom makes, and only when you ask)"
)


class SpeechModelEvents:
    """Hearing status and the speech-model download, for a window with a HUD and a runtime."""

    hud: Hud
    runtime: Runtime | None
    fetcher: ModelFetcher

    @handles(HearingStatus)
    def _on_hearing_status(self, event: HearingStatus) -> None:
        self.hud.hearing(event)
        if event.hint == FETCH_HINT:
            if offer_pending():  # once per machine; F1 help keeps listing the key
                mark_offered()
                self.hud.notify("info", FETCH_OFFER)
        elif event.hint and event.mode != "text":
            self.hud.notify("info", event.hint)

    def fetch_model(self) -> None:
        """F4: download the Vosk English model in the background (the user asked for the network)."""
        if self.fetcher.start():
            self.hud.notify("info", f"fetching the English speech model from {self.fetcher.base_url} …")
        else:
            self.hud.notify("info", "the speech model is already being fetched")

    @handles(ModelFetchProgress)
    def _on_model_fetch_progress(self, event: ModelFetchProgress) -> None:
        self.hud.progress = progress_line(event.done, event.total)

    @handles(ModelFetched)
    def _on_model_fetched(self, event: ModelFetched) -> None:
        self.hud.progress = ""
        if event.error:
            self.hud.notify("error", f"speech model not fetched: {event.error} (F4 tries again)")
            return
        self.hud.notify("info", f"speech model installed in {event.path}; switching hearing to Vosk")
        if self.runtime is not None:
            choice = replace(self.runtime.hearing_choice, model=event.path)
            self.hud.notify("info", self.runtime.rebuild_hearing(choice))
