from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from archiver.demo.site import SampleSite

# postgres_server / postgres_url: a real PostgreSQL for the state-backend and fleet tests;
# s3_server: moto's S3 API server for the object-store tests.
pytest_plugins = ["tests.support.postgres", "tests.support.s3"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything under tests/e2e/ runs subprocesses: `-m "not e2e"` is the quick loop.
    e2e = Path(__file__).parent / "e2e"
    for item in items:
        if e2e in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def sample_site() -> Iterator[SampleSite]:
    with SampleSite() as site:
        yield site
