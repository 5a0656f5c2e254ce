"""The one error type of the corpus stage."""


class InputError(Exception):
    """An input that cannot be read; the message names the file (and line)."""
