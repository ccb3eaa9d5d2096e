"""Hearing: microphone capture, voice activity, endpointing and offline speech recognition.

Everything here runs without a window: each stage takes its audio source, bus and stop
event by injection, so tests drive it synchronously on real audio files.
"""
