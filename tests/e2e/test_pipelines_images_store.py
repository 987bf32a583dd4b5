"""An image store the pipeline cannot use stops the crawl at start-up (never a silent disable)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from archiver.pipelines.images import ArticleImagesPipeline
from tests.support.crawl import run_crawl


@pytest.mark.parametrize("store", ["s3://archive-bucket/images", "gs://archive-bucket/images", "ftp://127.0.0.1/x"])
def test_object_store_is_refused_by_name(tmp_path: Path, store: str) -> None:
    crawler = get_crawler(settings_dict={"ARCHIVER_OUTPUT": str(tmp_path), "IMAGES_STORE": store})
    with pytest.raises(ValueError, match="IMAGES_STORE=.*object stores are not supported"):
        ArticleImagesPipeline.from_crawler(crawler)


def test_local_folder_and_file_uri_are_accepted(tmp_path: Path) -> None:
    for store in (str(tmp_path / "shared"), f"file://{tmp_path / 'shared'}"):
        crawler = get_crawler(settings_dict={"ARCHIVER_OUTPUT": str(tmp_path), "IMAGES_STORE": store})
        assert ArticleImagesPipeline.from_crawler(crawler).images_root == tmp_path / "shared"


def test_crawl_with_an_object_store_fails_instead_of_archiving_without_images(tmp_path: Path) -> None:
    result = run_crawl("-a", "url=http://127.0.0.1:9/feed.xml", "-a", "name=x", output=tmp_path,
                       extra_settings={"IMAGES_STORE": "s3://archive-bucket/images"})
    assert result.returncode == 1
    assert "object stores are not supported" in result.log
    assert not (tmp_path / "posts").exists()
