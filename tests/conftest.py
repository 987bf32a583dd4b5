from __future__ import annotations

from collections.abc import Iterator

import pytest

from archiver.demo.site import SampleSite


@pytest.fixture
def sample_site() -> Iterator[SampleSite]:
    with SampleSite() as site:
        yield site
