"""Main-thread orchestration: routing, turns, speculation, the runtime wiring and the watchdog.

Everything here runs on the tick that drains the bus; it is the only layer that sees
hearing, mind and speaking together, and it never touches OpenGL or a window.
"""
