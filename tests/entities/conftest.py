"""The English and Arabic recognisers, loaded once for every entity test module."""

from __future__ import annotations

import pytest

from watchfloor.entities import recogniser


def of(rec, text: str, kind: str) -> list[str]:
    """The texts of the mentions of type ``kind`` that recogniser ``rec`` finds in ``text``."""
    return [m.text for m in rec.find([text])[0] if m.type == kind]


@pytest.fixture(scope="session")
def en():
    return recogniser("en")


@pytest.fixture(scope="session")
def ar():
    return recogniser("ar")
