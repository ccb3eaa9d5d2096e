"""The window app: main loop, keys and controls, the settings overlay, HUD text, one file watcher."""
