"""Voxroom: an offline voice-driven avatar sandbox."""

__version__ = "0.1.0"
