"""One object per saved state of the search files, for every thread that opens the same state.

The read-only search threads of a service each open a ``SearchIndex`` (SQLite connections are
bound to their thread); the faiss vectors and the BM25 channels of the saved files are the
same for all of them, so they are loaded once and shared while anyone holds them. A state is
named by a key taken from the files (their identity, a digest); the key is taken again after
loading, and an object loaded while a save replaced the files is not kept.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class SharedCopies(Generic[K, V]):
    """The loaded objects by key, kept weakly: the last holder to close frees one."""

    def __init__(self) -> None:
        self._held: weakref.WeakValueDictionary[K, V] = weakref.WeakValueDictionary()
        self._lock = threading.Lock()  # two threads opening at once load the files once

    def get(
        self,
        key_now: Callable[[], K | None],
        load: Callable[[], V],
        keep: Callable[[V], bool] = lambda _value: True,
    ) -> tuple[V, bool]:
        """The object of the state ``key_now()`` names and whether it is the shared one: held
        already, or loaded now and kept when ``keep`` allows and the state did not change while
        it was read (no key: nothing saved, the object is the caller's own)."""
        with self._lock:
            key = key_now()
            if key is not None and (found := self._held.get(key)) is not None:
                return found, True
            value = load()
            if key is None or not keep(value) or key_now() != key:
                return value, False
            self._held[key] = value
            return value, True
