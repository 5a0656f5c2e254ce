"""jieba and jieba-rs imported without the work their packages do on import that kg never uses.

- jieba opens its dictionary through ``pkg_resources`` when that imports (0.05 s, a package jieba needs
  only to find a file beside its own code) and opens the file itself when it does not: it is imported
  with ``pkg_resources`` hidden, so it takes the second way, to the same file.
- jieba-rs's Python package (``rjieba``) builds a default tokenizer with its whole dictionary on import
  (0.08 s); kg builds its own from jieba's dictionary (:class:`kg.extract.cutter.CompiledRoute`), so only
  the compiled module inside the package is loaded. It is registered under its name, so that a later
  ``import rjieba`` uses it and the package works as it would.

Either falls back to the plain import when it cannot be done.
"""
from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import sys


def jieba():
    """The ``jieba`` module."""
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # "import pkg_resources" raises ImportError meanwhile
        try:
            import jieba as module  # noqa: F401
        finally:
            if sys.modules.get("pkg_resources", ...) is None:
                del sys.modules["pkg_resources"]
    return importlib.import_module("jieba")


def rjieba_module():
    """jieba-rs's compiled module (what ``rjieba`` exports ``Jieba`` from), or None when not installed."""
    name = "rjieba.rjieba"
    if name in sys.modules:
        return sys.modules[name]
    try:
        spec = importlib.util.find_spec("rjieba")
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if "rjieba" not in sys.modules and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            for suffix in importlib.machinery.EXTENSION_SUFFIXES:
                path = os.path.join(folder, f"rjieba{suffix}")
                if not os.path.isfile(path):
                    continue
                try:
                    found = importlib.util.spec_from_file_location(name, path)
                    if found is None:
                        continue
                    module = importlib.util.module_from_spec(found)
                    found.loader.exec_module(module)
                except (ImportError, OSError):
                    continue
                if hasattr(module, "Jieba"):
                    sys.modules[name] = module
                    return module
    try:
        import rjieba
    except ImportError:
        return None
    return sys.modules.get(name) or rjieba
