"""The archive in an object store (S3 API, moto's server on 127.0.0.1) and stores that cannot be used.

A crawl with ``ARCHIVER_OUTPUT``/``IMAGES_STORE`` = ``s3://bucket/prefix`` must put the same
keys with the same bytes (posts in Chinese and English, images, feeds) as a crawl into a
local folder; ``export-feeds`` and ``rebuild-state`` read the posts back from the bucket;
a store the crawl cannot use stops it at start-up (exit 2), never a run without images.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from scrapy.utils.test import get_crawler

from archiver.archive.store import StoreUnusable
from archiver.demo.site import SampleSite, sample_sources_yaml
from archiver.errors import EXIT_CONFIG
from archiver.pipelines.images import ArticleImagesPipeline
from tests.e2e.test_distributed import archive_files, scrapy
from tests.support.crawl import run_crawl
from tests.support.s3 import S3Server

PREFIX = "archive/2026"


def test_local_folder_and_file_uri_are_accepted(tmp_path: Path) -> None:
    for store in (str(tmp_path / "shared"), f"file://{tmp_path / 'shared'}"):
        crawler = get_crawler(settings_dict={"ARCHIVER_OUTPUT": str(tmp_path), "IMAGES_STORE": store})
        assert ArticleImagesPipeline.from_crawler(crawler).images_root == tmp_path / "shared"


def test_unusable_stores_are_refused_with_the_reason(tmp_path: Path, s3_server: S3Server,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # No credentials anywhere botocore looks (environment, files, instance metadata).
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    bucket = s3_server.new_bucket()
    cases = {
        "gs://archive-bucket/images": (s3_server.settings(), "unknown store"),
        "ftp://127.0.0.1/x": (s3_server.settings(), "unknown store"),
        "s3://no-such-bucket/images": (s3_server.settings(), "no such bucket"),
        f"s3://{bucket}/images": ({"AWS_ENDPOINT_URL": s3_server.endpoint, "AWS_REGION_NAME": "us-east-1"},
                                  "no S3 credentials"),
    }
    for store, (settings, reason) in cases.items():
        crawler = get_crawler(settings_dict={"ARCHIVER_OUTPUT": str(tmp_path), "IMAGES_STORE": store, **settings})
        with pytest.raises(StoreUnusable, match=f"setting IMAGES_STORE={store}: {reason}"):
            ArticleImagesPipeline.from_crawler(crawler)


def test_crawl_into_a_missing_bucket_exits_2_before_archiving(tmp_path: Path, s3_server: S3Server) -> None:
    result = run_crawl("-a", "url=http://127.0.0.1:9/feed.xml", "-a", "name=x", output=tmp_path / "local",
                       extra_settings={"ARCHIVER_OUTPUT": "s3://no-such-bucket/archive",
                                       "ARCHIVER_WORK_DIR": str(tmp_path / "work"), **s3_server.settings()})
    assert result.returncode == EXIT_CONFIG, result.log[-3000:]
    assert "error: setting ARCHIVER_OUTPUT=s3://no-such-bucket/archive: no such bucket" in result.log
    assert "Traceback" not in result.log


def test_object_store_output_needs_a_work_folder(tmp_path: Path, s3_server: S3Server) -> None:
    bucket = s3_server.new_bucket()
    result = run_crawl("-a", "url=http://127.0.0.1:9/feed.xml", "-a", "name=x", output=tmp_path / "local",
                       extra_settings={"ARCHIVER_OUTPUT": f"s3://{bucket}/archive", **s3_server.settings()})
    assert result.returncode == EXIT_CONFIG, result.log[-3000:]
    assert "set ARCHIVER_WORK_DIR to a local folder" in result.log
    assert s3_server.objects(bucket) == {}


@pytest.mark.slow
def test_an_s3_archive_is_the_local_archive_key_for_key_and_byte_for_byte(tmp_path: Path, s3_server: S3Server) -> None:
    bucket = s3_server.new_bucket()
    s3_settings = {**s3_server.settings(), "ARCHIVER_OUTPUT": f"s3://{bucket}/{PREFIX}",
                   "ARCHIVER_WORK_DIR": str(tmp_path / "work"), "AUTOTHROTTLE_ENABLED": "False"}
    with SampleSite() as site:
        sources = tmp_path / "sources.yml"
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        local = run_crawl("-a", f"sources={sources}", output=tmp_path / "local")
        assert local.returncode == 0, local.log[-3000:]
        remote = run_crawl("-a", f"sources={sources}", output=tmp_path / "unused", extra_settings=s3_settings)
        assert remote.returncode == 0, remote.log[-3000:]
        assert remote.error_lines == [], "\n".join(remote.error_lines)
        # Run again: nothing new, nothing uploaded again.
        again = run_crawl("-a", f"sources={sources}", output=tmp_path / "unused", extra_settings=s3_settings)
    assert again.returncode == 0, again.log[-3000:]
    assert again.stats.get("archiver/posts/new") is None and again.stats.get("archiver/images/downloaded") is None

    expected = archive_files(tmp_path / "local")
    stored = s3_server.objects(bucket, f"{PREFIX}/")
    originals = {key for key in stored if key.startswith(".archiver/")}
    assert originals == set()  # nothing of the local state leaks into the bucket
    assert stored == expected
    assert not (tmp_path / "unused").exists()
    assert any(key.startswith("posts/qutoutiao/") for key in stored)  # Chinese
    assert any(key.startswith("posts/world-news/") for key in stored)  # English
    assert any(key.startswith("images/") for key in stored)
    assert {"feeds/feed.json", "feeds/feed.jsonl"} <= stored.keys()
    assert (tmp_path / "work" / ".archiver" / "state.sqlite").is_file()

    # Another machine, with an empty work folder: feeds and state are made from the bucket.
    other = {**s3_settings, "ARCHIVER_WORK_DIR": str(tmp_path / "other-work")}
    client = s3_server.client()
    client.delete_object(Bucket=bucket, Key=f"{PREFIX}/feeds/feed.json")
    proc = scrapy("export-feeds", settings=other)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, out
    assert f"to s3://{bucket}/{PREFIX}/feeds" in out
    stored = s3_server.objects(bucket, f"{PREFIX}/")
    assert stored["feeds/feed.json"] == expected["feeds/feed.json"]
    assert json.loads(stored["feeds/feed.json"])["items"]

    proc = scrapy("rebuild-state", settings=other)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0, out
    posts = [key for key in expected if key.startswith("posts/")]
    assert f"{len(posts)} posts recorded" in out
    assert (tmp_path / "other-work" / ".archiver" / "state.sqlite").is_file()


def test_site_build_asks_for_a_folder(tmp_path: Path) -> None:
    proc = scrapy("site", settings={"ARCHIVER_OUTPUT": "s3://news-archive/archive"})
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_CONFIG
    assert "scrapy site builds from a folder, and ARCHIVER_OUTPUT is an object store" in out
