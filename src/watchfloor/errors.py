"""Errors a user can act on. The CLI prints each as one line starting ``error:``."""

from __future__ import annotations


class WatchfloorError(Exception):
    """An error whose message is meant for the user, not a traceback."""


class InputError(WatchfloorError):
    """Something is wrong with an input file: names the file and, where it applies, the place."""

    def __init__(
        self,
        path: str,
        problem: str,
        *,
        offset: int | None = None,
        index: int | None = None,
    ) -> None:
        self.path = path
        self.problem = problem
        self.offset = offset
        self.index = index
        where = []
        if offset is not None:
            where.append(f"byte {offset}")
        if index is not None:
            where.append(f"message {index}")
        place = f" ({', '.join(where)})" if where else ""
        super().__init__(f"{path}{place}: {problem}")


class StoreError(WatchfloorError):
    """The database cannot be opened or written."""
