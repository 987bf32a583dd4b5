from __future__ import annotations

from collections.abc import Iterator

import pytest

from archiver.demo.site import SampleSite

# postgres_server / postgres_url: a real PostgreSQL for the state-backend and fleet tests;
# s3_server: moto's S3 API server for the object-store tests.
pytest_plugins = ["tests.postgres_server", "tests.s3_server"]


@pytest.fixture
def sample_site() -> Iterator[SampleSite]:
    with SampleSite() as site:
        yield site
