"""``scrapy export-feeds`` run as a user runs it: a subprocess inside a project folder."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import frontmatter
import pytest

from tests.support.crawl import scrapy_command, scrapy_env

ZH_TITLE = "端稳“饭碗”，鼓起“钱袋”！大同多举措优化就业结构改善就业环境"


def write_post(root: Path, rel: str, **metadata: object) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    text = frontmatter.dumps(frontmatter.Post("Body.", **metadata), sort_keys=False, allow_unicode=True)
    path.write_text(text + "\n", encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A Scrapy project folder whose settings module only enables our commands.

    Its own settings module (not archiver.settings) keeps the test independent of the
    project's real settings, which may turn on other components.
    """
    (tmp_path / "scrapy.cfg").write_text("[settings]\ndefault = exportfeeds_test_settings\n", encoding="utf-8")
    (tmp_path / "exportfeeds_test_settings.py").write_text(
        'BOT_NAME = "archiver_test"\nCOMMANDS_MODULE = "archiver.commands"\n', encoding="utf-8"
    )
    return tmp_path


def run_export(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        scrapy_command("export-feeds", *args),
        check=False,  # the exit code is what these tests check
        cwd=project,
        env=scrapy_env(project, PYTHONIOENCODING="utf-8"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def test_export_feeds_writes_feeds_and_reports_broken_posts(project: Path) -> None:
    output = project / "output"
    write_post(
        output,
        "posts/qutoutiao/2022/2022-05-09-a.md",
        title=ZH_TITLE,
        date="2022-05-09T08:01:32+00:00",
        guid="q1",
        lang="zh-CN",
    )
    write_post(
        output, "posts/example/2023/2023-01-02-b.md", title="English", date="2023-01-02T00:00:00+00:00", guid="e1"
    )
    broken = output / "posts/example/2023/2023-01-03-broken.md"
    broken.write_text("---\ntitle: 'unclosed\n---\nx\n", encoding="utf-8")

    proc = run_export(project, "-s", "ARCHIVER_SITE_URL=https://example.org/", "-s", "ARCHIVER_FEED_MAX_ITEMS=1")

    assert proc.returncode == 0, proc.stderr
    assert "Exported 2 of 3 posts" in proc.stdout
    assert "skipped posts/example/2023/2023-01-03-broken.md" in proc.stdout
    assert "posts/example/2023/2023-01-03-broken.md" in proc.stderr  # the logged warning
    assert " ERROR: " not in proc.stderr and "Traceback" not in proc.stderr
    doc = json.loads((output / "feeds" / "feed.json").read_text(encoding="utf-8"))
    assert [item["id"] for item in doc["items"]] == ["e1"]  # newest only: max items 1
    assert doc["feed_url"] == "https://example.org/feeds/feed.json"
    zh = json.loads((output / "feeds" / "qutoutiao.json").read_text(encoding="utf-8"))
    assert zh["items"][0]["title"] == ZH_TITLE
    assert len((output / "feeds" / "feed.jsonl").read_text(encoding="utf-8").splitlines()) == 2

    again = run_export(project, "-s", "ARCHIVER_SITE_URL=https://example.org/", "-s", "ARCHIVER_FEED_MAX_ITEMS=1")
    assert again.returncode == 0, again.stderr
    assert "0 feed files written, 4 unchanged" in again.stdout


def test_export_feeds_fails_only_on_total_failure(project: Path) -> None:
    # Wrong output folder: an error, and no empty archive appears.
    proc = run_export(project, "-s", "ARCHIVER_OUTPUT=missing")
    assert proc.returncode == 1
    assert "no archive at missing" in proc.stderr
    assert not (project / "missing").exists()

    # Every post broken: nothing could be exported.
    (project / "output" / "posts" / "s").mkdir(parents=True)
    (project / "output" / "posts" / "s" / "2022-01-01-x.md").write_text("no front matter\n", encoding="utf-8")
    proc = run_export(project)
    assert proc.returncode == 1
    assert "Exported 0 of 1 posts" in proc.stdout

    # A setting that cannot work is a usage error.
    proc = run_export(project, "-s", "ARCHIVER_SITE_URL=example.org")
    assert proc.returncode == 2
    assert "site_url must be an absolute http(s) URL" in proc.stderr
