"""Incremental and crash-safe runs against the sample site (scrapy crawl in a subprocess)."""

from __future__ import annotations

import json
import re
import signal
import sqlite3
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import frontmatter
from PIL import Image

from archiver.archive.state import post_hash
from archiver.demo.site import Resource, SampleSite, sample_sources_yaml
from tests.support.crawl import PROJECT_ROOT, run_crawl, scrapy_command, scrapy_env


def _snapshot(root: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(root)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in root.rglob("*") if p.is_file() and ".archiver" not in p.parts}


def _crawl(site: SampleSite, root: Path, tmp: Path):
    sources = tmp / "sources.yml"
    sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
    return run_crawl("-a", f"sources={sources}", output=root)


def test_changed_article_is_rewritten_in_place_and_a_new_item_adds_one_post(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    with SampleSite() as site:
        first = _crawl(site, root, tmp_path)
        assert first.returncode == 0 and first.error_lines == []
        before = _snapshot(root)
        posts_before = {k for k in before if k.startswith("posts/")}
        markets_path = next(k for k in posts_before if "markets-calm" in k)
        harbor_path = next(k for k in posts_before if "harbor" in k)

        # One article's content changes (the feed does not bump <updated>), another's
        # title is corrected, and the JSON feed gains an item.
        atom = site.resources["/world/atom.xml"]
        atom.body = atom.body.replace(b"The benchmark index ended 0.2% lower.", b"The benchmark index ended 0.4% lower.")
        atom.body = atom.body.replace(b"<title>Harbor expansion wins final approval</title>",
                                      b"<title>Harbor expansion wins final approval after 9-2 vote</title>")
        feed = json.loads(site.resources["/tech/feed.json"].body)
        feed["items"].insert(0, {"id": "https://tech.example/2022/05/new", "url": f"{site.base_url}/tech/2022/05/new",
                                 "title": "A brand new item", "date_published": "2022-05-08T09:00:00Z",
                                 "content_html": "<p>" + "New text. " * 40 + "</p>"})
        site.resources["/tech/feed.json"].body = json.dumps(feed).encode()
        site.requests.clear()
        before_second = datetime.now(UTC).replace(microsecond=0).isoformat()
        second = _crawl(site, root, tmp_path)
        requests = list(site.requests)

    assert second.returncode == 0 and second.error_lines == []
    after = _snapshot(root)
    posts_after = {k for k in after if k.startswith("posts/")}
    assert posts_after - posts_before == {next(k for k in posts_after if "brand-new-item" in k)}
    changed = {k for k in posts_before if after[k] != before[k]}
    assert changed == {markets_path, harbor_path}
    markets = frontmatter.load(root / markets_path)
    assert "0.4% lower" in markets.content
    # Noticed during the second run: the feed did not announce the change.
    assert datetime.fromisoformat(markets["updated"]) >= datetime.fromisoformat(before_second)
    harbor = frontmatter.load(root / harbor_path)  # same file, new title
    assert harbor["title"] == "Harbor expansion wins final approval after 9-2 vote"
    assert second.stats["archiver/posts/new"] == 1 and second.stats["archiver/posts/updated"] == 2
    # The unchanged feed answered 304; the GBK page, whose entry is unchanged, was not
    # requested at all (ARCHIVER_REVISIT=never), nor were the unchanged summary-only pages.
    assert second.stats["archiver/http/not_modified"] >= 1
    assert second.stats["archiver/entries/not_revisited"] >= 1
    assert not [path for path, _headers in requests if path.endswith("lantern-festival.html")]


def test_rerun_over_unchanged_site_writes_and_fetches_nothing(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    with SampleSite() as site:
        assert _crawl(site, root, tmp_path).returncode == 0
        before = _snapshot(root)
        site.requests.clear()
        again = _crawl(site, root, tmp_path)
        fetched = [path for path, headers in site.requests if "If-None-Match" not in headers]
    assert again.returncode == 0 and again.error_lines == []
    assert _snapshot(root) == before
    # Only robots.txt is fetched without validators; every feed answered 304.
    assert fetched == ["/robots.txt"]
    assert again.stats.get("archiver/posts/new", 0) == 0


def _assert_visible_files_whole(root: Path) -> int:
    """Every post a reader can see parses, every image decodes; returns the post count."""
    posts = [p for p in root.rglob("posts/**/*.md") if not p.name.startswith(".")]
    for post in posts:
        assert frontmatter.load(post)["title"], post
    for image in root.rglob("images/**/*"):
        if image.is_file() and not image.name.startswith("."):
            with Image.open(image) as opened:
                opened.load()
    return len(posts)


def test_sigkill_at_any_moment_leaves_a_consistent_archive(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    sources = tmp_path / "sources.yml"
    # Slow responses spread the crawl over a few seconds so the kills land mid-run.
    with SampleSite(delay=0.15) as site:
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        command = scrapy_command("crawl", "feeds", "-a", f"sources={sources}", settings={
            "ARCHIVER_OUTPUT": root, "AUTOTHROTTLE_ENABLED": "False", "LOG_LEVEL": "WARNING"})
        env = scrapy_env()
        seen_partial = False
        # First kill right after the first post appears (surely mid-run), then at
        # fixed moments, each run getting further than the one before.
        for delay in (None, 1.2, 1.6, 2.0, 2.4, 2.8):
            process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            if delay is None:
                deadline = time.monotonic() + 30
                while not list(root.rglob("posts/**/*.md")) and time.monotonic() < deadline:
                    time.sleep(0.01)
            else:
                time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait()
            # Whatever the moment, what is visible is whole.
            count = _assert_visible_files_whole(root) if root.exists() else 0
            seen_partial = seen_partial or 0 < count < 7
        site.delay = 0
        final = run_crawl("-a", f"sources={sources}", output=root)

    # At least one kill landed in the middle of writing (else this test proved nothing).
    assert seen_partial
    assert final.returncode == 0 and final.error_lines == []
    files = [p for p in root.rglob("*") if p.is_file() and ".archiver" not in p.parts]
    assert not [p for p in files if p.name.endswith(".tmp")], "temp files left in the archive"
    posts = sorted((root / "posts").rglob("*.md"))
    guids = [frontmatter.load(p)["guid"] for p in posts]
    assert len(posts) == 7 and len(set(guids)) == 7  # every article, none twice
    assert _assert_visible_files_whole(root) == 7
    with sqlite3.connect(root / ".archiver" / "state.sqlite") as db:
        rows = db.execute("SELECT post_path, content_hash FROM articles").fetchall()
    assert len(rows) == 7
    for post_path, stored_hash in rows:
        assert post_hash((root / post_path).read_bytes()) == stored_hash


def test_an_image_that_failed_is_fetched_on_the_next_run(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    with SampleSite() as site:
        chart = site.resources["/img/2022/market-chart.jpg"]
        site.resources["/img/2022/market-chart.jpg"] = Resource(b"<h1>503 Service Unavailable</h1>", "text/html", status=503)
        first = _crawl(site, root, tmp_path)
        markets = next((root / "posts" / "world-news").rglob("*markets-calm*.md"))
        assert f"{site.base_url}/img/2022/market-chart.jpg" in markets.read_text(encoding="utf-8")
        site.resources["/img/2022/market-chart.jpg"] = chart  # the server recovered
        second = _crawl(site, root, tmp_path)
    assert first.error_lines == [] and second.error_lines == []
    text = markets.read_text(encoding="utf-8")
    assert "/img/2022/market-chart.jpg" not in text  # now a local copy
    assert all((root / link.lstrip("/")).is_file() for link in re.findall(r"\]\((/images/[^)\s]+)\)", text))


def test_an_expired_image_the_site_lost_keeps_its_stored_copy(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    with SampleSite() as site:
        assert _crawl(site, root, tmp_path).returncode == 0
        del site.resources["/img/2022/market-chart.jpg"]  # gone from the site: 404
        atom = site.resources["/world/atom.xml"]  # and the article changes, so it is processed again
        atom.body = atom.body.replace(b"ended 0.2% lower", b"ended 0.3% lower")
        sources = tmp_path / "sources.yml"
        again = run_crawl("-a", f"sources={sources}", output=root, extra_settings={"IMAGES_EXPIRES": "0"})
    assert again.error_lines == []
    text = next((root / "posts" / "world-news").rglob("*markets-calm*.md")).read_text(encoding="utf-8")
    assert "0.3% lower" in text and "/img/2022/market-chart.jpg" not in text


def test_state_rebuilt_from_the_posts_keeps_every_path(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    with SampleSite() as site:
        assert _crawl(site, root, tmp_path).returncode == 0
        before = _snapshot(root)
        for leftover in (root / ".archiver").glob("state.sqlite*"):
            leftover.unlink()
        rebuilt = subprocess.run(scrapy_command("rebuild-state", settings={"ARCHIVER_OUTPUT": root}),
                                 cwd=PROJECT_ROOT, capture_output=True, text=True, check=False, env=scrapy_env())
        assert rebuilt.returncode == 0, rebuilt.stderr[-2000:]
        # A retitled article must still find its own file through the rebuilt state.
        atom = site.resources["/world/atom.xml"]
        atom.body = atom.body.replace(b"<title>Harbor expansion wins final approval</title>",
                                      b"<title>Harbor plan approved</title>")
        again = _crawl(site, root, tmp_path)
    assert again.error_lines == [] and again.stats.get("archiver/posts/new", 0) == 0
    after = _snapshot(root)
    assert {k for k in after if k.startswith("posts/")} == {k for k in before if k.startswith("posts/")}
    changed = {k for k in before if k.startswith("posts/") and after[k] != before[k]}
    assert len(changed) == 1 and "harbor-expansion" in changed.pop()


def test_a_page_whose_image_failed_is_fetched_again_not_answered_304(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    with SampleSite() as site:
        harbor_photo = site.resources["/img/2022/harbor-wide.jpg"]
        site.resources["/img/2022/harbor-wide.jpg"] = Resource(b"", "image/jpeg", status=500)
        assert _crawl(site, root, tmp_path).returncode == 0
        harbor = next((root / "posts" / "world-news").rglob("*harbor*.md"))
        assert "/img/2022/harbor-wide.jpg" in harbor.read_text(encoding="utf-8")
        site.resources["/img/2022/harbor-wide.jpg"] = harbor_photo
        assert _crawl(site, root, tmp_path).error_lines == []
    text = harbor.read_text(encoding="utf-8")
    assert "/img/2022/harbor-wide.jpg" not in text and "/images/world-news/2022/" in text


def test_a_page_whose_image_is_gone_is_asked_again_only_when_the_failure_expires(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    sources = tmp_path / "sources.yml"
    harbor_requests: dict[str, list[str]] = {}
    with SampleSite() as site:
        del site.resources["/img/2022/harbor-wide.jpg"]  # 404: gone for good
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        for expires in ("90", "0"):  # IMAGES_EXPIRES days: how long a 404 is believed
            archive = root / expires
            settings = {"ARCHIVER_CONDITIONAL_REQUESTS": "False", "IMAGES_EXPIRES": expires}  # feeds come in full
            first = run_crawl("-a", f"sources={sources}", output=archive, extra_settings=settings)
            assert first.returncode == 0 and first.error_lines == []
            harbor = next((archive / "posts" / "world-news").rglob("*harbor*.md"))
            assert f"{site.base_url}/img/2022/harbor-wide.jpg" in harbor.read_text(encoding="utf-8")
            site.requests.clear()
            again = run_crawl("-a", f"sources={sources}", output=archive, extra_settings=settings)
            assert again.returncode == 0 and again.error_lines == []
            harbor_requests[expires] = [path for path, _ in site.requests if "harbor" in path]
    assert harbor_requests["90"] == []  # neither the page nor its image, every run until the 404 expires
    assert "/world/2022/05/09/harbor-expansion" in harbor_requests["0"]  # expired: tried again
    assert "/img/2022/harbor-wide.jpg" in harbor_requests["0"]


def test_revisit_policy_decides_whether_unchanged_article_pages_are_asked_again(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    sources = tmp_path / "sources.yml"
    gbk_page = "lantern-festival.html"  # summary-only entry: its page is read for the text
    with SampleSite() as site:
        sources.write_text(sample_sources_yaml(site.base_url), encoding="utf-8")
        first = run_crawl("-a", f"sources={sources}", output=root,
                          extra_settings={"ARCHIVER_CONDITIONAL_REQUESTS": "False"})  # feeds come in full
        assert first.returncode == 0 and first.error_lines == []
        asked: dict[str, list[tuple[str, dict[str, str]]]] = {}
        for policy in ("never", "1d", "always"):
            site.requests.clear()
            again = run_crawl("-a", f"sources={sources}", output=root,
                              extra_settings={"ARCHIVER_CONDITIONAL_REQUESTS": "False", "ARCHIVER_REVISIT": policy})
            assert again.returncode == 0 and again.error_lines == []
            assert again.stats.get("archiver/posts/new", 0) == 0
            asked[policy] = [(path, headers) for path, headers in site.requests if path.endswith(gbk_page)]
            if policy != "always":
                assert again.stats["archiver/entries/not_revisited"] >= 1
    assert asked["never"] == []
    assert asked["1d"] == []  # published in 2022: older than a day
    assert len(asked["always"]) == 1
