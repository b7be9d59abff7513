"""The English and Arabic recognisers, loaded once for every entity test module."""

from __future__ import annotations

import pytest

from watchfloor.entities import recogniser


@pytest.fixture(scope="session")
def en():
    return recogniser("en")


@pytest.fixture(scope="session")
def ar():
    return recogniser("ar")
