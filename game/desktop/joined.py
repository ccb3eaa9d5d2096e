"""The window in a joined shared room: the user's pose out, other people's avatars and the roster in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.conversation.shared_room import PeerAvatars

if TYPE_CHECKING:
    from game.desktop.app import App
    from game.net.link import RoomLink


class JoinedRoom:
    """What the app does each tick when it joined a room with ``voxroom run --join``."""

    def __init__(self, link: RoomLink) -> None:
        self.link = link
        self.avatars = PeerAvatars()
        self._roster: list[tuple[str, str]] = []

    def tick(self, app: App) -> None:
        """Send our pose, draw the others, tell the overlay and the HUD who came and went."""
        cam = app.camera
        self.link.move(cam.position, cam.yaw, cam.pitch)
        positions = self.avatars.update(app.world, self.link.peers())
        if app.runtime is not None:
            app.runtime.conversation.peers = positions
        roster = self.link.roster()
        if roster != self._roster:
            before = dict(self._roster)
            for name, presence in roster:
                if before.get(name) != presence:
                    app.notify("info", f"{name} {'joined' if presence == 'here' else 'dropped out'}")
            for name in before.keys() - dict(roster):
                app.notify("info", f"{name} left")
            self._roster = roster
        room = self.link.address.room
        people = ", ".join(n if p == "here" else f"{n} (away)" for n, p in roster) or "nobody else yet"
        app.settings.room_lines = (f"Room {room} as {self.link.user}: {people}",)
