"""Speaking: reply text → speakable sentences → espeak-ng audio with viseme timelines → playback.

The opposite direction of :mod:`game.hearing`; the two never import each other, so the
echo guard (hearing) learns what is playing only through the samples it is handed.
"""
