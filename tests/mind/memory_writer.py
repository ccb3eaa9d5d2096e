"""A second Voxroom process for the memory tests: writes to a memory folder as told on stdin.

Commands, one per line: ``like THING`` learns that the user likes THING, records a turn
and saves, then prints ``ok THING`` once the write is committed; ``hold THING`` does the
same but stops inside the transaction (after the INSERTs, before COMMIT), prints
``holding THING`` and waits there for a line that never comes: the test kills it.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from game.mind.memory import MemoryStore


class _Holding(MemoryStore):
    hold = ""

    def _before_commit(self, db: sqlite3.Connection) -> None:
        if self.hold:
            print(f"holding {self.hold}", flush=True)
            sys.stdin.readline()


def main(folder: str, npc: str) -> int:
    store = _Holding(Path(folder))
    memory = store.start_session(npc)
    print("ready", flush=True)
    for line in sys.stdin:
        verb, _, thing = line.strip().partition(" ")
        store.hold = thing if verb == "hold" else ""
        memory.learn({"likes": [thing]})
        memory.add_turn(f"I like {thing}", f"{thing.capitalize()}, good to know.", "tell_fact")
        store.save(memory)
        print(f"ok {thing}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
