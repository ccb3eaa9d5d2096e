"""Mods: folders of Python scripts and data that extend the room (see docs/modding.md).

:mod:`game.modding.api` is the surface mods use; :class:`game.modding.host.ModHost` is
what the app uses to load them and route events to them (it delegates loading to
:mod:`game.modding.lifecycle` and the safety rules to :mod:`game.modding.guard`).
"""
