"""Moved to :mod:`kg.io.atomic`; kept so that ``from .atomic import atomic_open`` still works."""
from ..io.atomic import atomic_group, atomic_open, is_stream, remove_stale  # noqa: F401
