"""A feed that is not XML, an empty feed, a 404 feed and a feed with a broken entry:
each gets a logged reason and a stat, and every other source and entry is archived."""

from __future__ import annotations

from pathlib import Path

import frontmatter

from archiver.demo.site import Resource, SampleSite
from tests.support.crawl import run_crawl

FEEDS = Path(__file__).parents[1] / "resources" / "feeds"


def test_bad_feeds_cost_nothing_else(tmp_path: Path) -> None:
    with SampleSite() as site:
        site.resources["/bad/not-xml"] = Resource((FEEDS / "not-a-feed.html").read_bytes(), "application/rss+xml")
        site.resources["/bad/empty.xml"] = Resource((FEEDS / "empty.xml").read_bytes(), "application/rss+xml")
        site.resources["/bad/broken-entry.xml"] = Resource((FEEDS / "broken-entry.xml").read_bytes(), "application/rss+xml")
        site.resources["/bad/malformed.xml"] = Resource((FEEDS / "malformed.xml").read_bytes(), "text/xml")
        base = site.base_url
        sources = tmp_path / "sources.yml"
        sources.write_text(f"""
sources:
  - {{name: not-xml, url: "{base}/bad/not-xml"}}
  - {{name: empty, url: "{base}/bad/empty.xml"}}
  - {{name: gone, url: "{base}/bad/missing.xml"}}
  - {{name: kr36, url: "{base}/bad/broken-entry.xml", fulltext: feed}}
  - {{name: malformed, url: "{base}/bad/malformed.xml", fulltext: feed}}
  - {{name: world-news, url: "{base}/world/atom.xml"}}
""", encoding="utf-8")
        result = run_crawl("-a", f"sources={sources}", output=tmp_path / "out")

    log, stats = result.log, result.stats
    assert result.returncode == 4  # a source failed entirely: cron and monitors must notice
    assert "source not-xml: cannot read" in log and "not_a_feed" in log
    assert stats["archiver/sources/url_failed/not_a_feed"] == 1
    assert "has no entries" in log and stats["archiver/feeds/empty"] == 1
    assert "source gone: cannot read" in log and stats["archiver/sources/url_failed/http_404"] == 1
    assert "neither link nor URL guid" in log and stats["archiver/entries/invalid"] == 1
    assert "malformed but readable" in log and stats["archiver/feeds/malformed"] == 1
    # Two sources failed entirely (every URL unreadable): said once each, and counted.
    assert stats["archiver/sources/failed"] == 2
    assert "source not-xml failed entirely" in log and "source gone failed entirely" in log

    posts = {p.parent.parent.name: frontmatter.load(p) for p in (tmp_path / "out" / "posts").rglob("*.md")}
    names = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out" / "posts").rglob("*.md"))
    assert len(names) == 4, names  # 36kr's good entry, the malformed feed's entry, world-news' two
    assert posts["kr36"]["title"] == "新能源车企4月交付量出炉：多家同比翻倍"
    assert posts["kr36"]["source_url"] == f"{base}/newsflashes/1714"
    assert posts["malformed"]["title"] == "Unescaped ampersand & a bold title"
