"""Errors of the coach package; each message says what to do."""

from __future__ import annotations


class CoachError(Exception):
    """Root of coach errors."""


class ModelError(CoachError):
    """A chat model cannot be loaded or reached."""


class ConfigError(CoachError):
    """Settings that cannot work together."""
