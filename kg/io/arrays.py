"""NumPy archives written byte for byte the same for the same arrays, and read without pickles.

The shipped models (``kg/models/*.npz``) are package data under version control: a retrained
model that did not change must not show as a changed file, so every entry gets a fixed date.
"""
from __future__ import annotations

import io
import zipfile
from contextlib import contextmanager, nullcontext
from importlib import resources
from pathlib import Path

import numpy as np


def save_arrays(path: str | Path, arrays: dict[str, np.ndarray]) -> None:
    """Write ``arrays`` as an ``.npz`` archive (``np.load`` reads it), entries in the order given."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in arrays.items():
            entry = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
            archive.writestr(entry, buffer.getvalue())


@contextmanager
def read_arrays(path: str | Path | None, packaged: str, what: str):
    """The open archive at ``path`` (kg's own ``kg/models/<packaged>`` when None), read without pickles; an
    unreadable file, a missing array or a ``ValueError`` raised while reading it becomes a ``ValueError``
    that names the file and says it is not ``what``."""
    if path is None:
        path = resources.files("kg").joinpath("models", packaged)
    with resources.as_file(path) if not isinstance(path, (str, Path)) else nullcontext(path) as real:
        try:
            with np.load(real, allow_pickle=False) as data:
                yield data
        except (OSError, KeyError, ValueError) as error:
            raise ValueError(f"{real}: not {what} ({error})") from None


def info_arrays(info: dict[str, str]) -> dict[str, np.ndarray]:
    """A model's description (text keys and values) as two string arrays, sorted by key."""
    items = sorted(info.items())
    return {"info_keys": np.array([k for k, _ in items], dtype=str),
            "info_values": np.array([str(v) for _, v in items], dtype=str)}


def read_info(data) -> dict[str, str]:
    """The description :func:`info_arrays` wrote, from an open archive."""
    return {str(k): str(v) for k, v in zip(data["info_keys"], data["info_values"])}
