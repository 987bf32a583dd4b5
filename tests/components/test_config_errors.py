"""A mistake in the command line, the settings or the sources file: one ``error:`` line
naming the file/field, argument or setting, exit code 2, no traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scrapy.settings import Settings

import archiver.settings
from archiver.config_check import check_settings
from archiver.errors import EXIT_CONFIG, ConfigError
from archiver.sources.sources_file import SourceError, load_sources, whole_number_argument
from tests.support.crawl import run_crawl

GOOD = "  - {name: good, url: 'https://example.com/feed.xml'}\n"


def _settings(**overrides: object) -> Settings:
    settings = Settings()
    settings.setmodule(archiver.settings)
    settings.update(overrides)
    return settings


def _error_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if line.startswith("error: ")]


@pytest.mark.e2e  # a `scrapy crawl` subprocess per case
@pytest.mark.parametrize(("args", "sources_text", "expected"), [
    (["-a", "name=nosuch"], "sources:\n" + GOOD,
     "error: -a name='nosuch': no enabled source of that name in {file} (enabled: good)"),
    (["-a", "url=example.com/feed"], None, "error: -a url='example.com/feed': not an http(s) URL"),
    (["-a", "url=https://example.com/feed", "-a", "max_items=ten"], None,
     "error: -a max_items='ten': must be a whole number"),
    ([], "sources:\n" + GOOD + "  - {name: good, url: 'https://example.com/other'}\n",
     "error: {file}: source names must be unique, repeated: good"),
    ([], "sources:\n" + GOOD + "  - {name: bad, url: 'htp//example.com'}\n",
     "error: {file}: sources[2]: source 'bad': url 'htp//example.com' is not an http(s) URL"),
    ([], "sources:\n  - {name: bad, url: [unclosed\n", "error: {file}: not valid YAML: "),
    (["-s", "ARCHIVER_BODY_FORMAT=htm"], None, "error: setting ARCHIVER_BODY_FORMAT='htm': must be one of markdown, html"),
], ids=["unknown-name", "bad-url-argument", "bad-number-argument", "duplicate-names", "bad-url-in-file", "bad-yaml",
        "bad-setting"])
def test_crawl_prints_one_error_line_and_exits_2(tmp_path: Path, args: list[str], sources_text: str | None,
                                                   expected: str) -> None:
    sources = tmp_path / "sources.yml"
    if sources_text is not None:
        sources.write_text(sources_text, encoding="utf-8")
        args = ["-a", f"sources={sources}", *args]
    result = run_crawl(*args, output=tmp_path / "out", timeout=60)
    assert result.returncode == EXIT_CONFIG, result.log[-2000:]
    assert "Traceback" not in result.log
    errors = _error_lines(result.log)
    assert len(errors) == 1, result.log[-2000:]
    assert errors[0].startswith(expected.format(file=sources)), errors[0]
    assert not (tmp_path / "out" / "posts").exists()


@pytest.mark.parametrize(("name", "value", "message"), [
    ("ARCHIVER_IMAGE_FORMAT", "gif", "must be one of original, web, webp, jpeg"),
    ("ARCHIVER_IMAGE_URL_STYLE", "absolute", "must be one of root, relative"),
    ("ARCHIVER_PLACEHOLDER", "random", "must be one of none, generate"),
    ("ARCHIVER_LOCK", "maybe", "must be True or False"),
    ("ARCHIVER_FEED_MAX_ITEMS", "-1", "must be a whole number >= 0"),
    ("ARCHIVER_SUMMARY_CHARS", "many", "must be a whole number >= 1"),
    ("ARCHIVER_THUMB_SIZE", "big", "expected WIDTHxHEIGHT"),
    ("ARCHIVER_SITE_URL", "example.org", "must be an absolute http(s) URL"),
])
def test_unusable_setting_values_are_named(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match="^" + re.escape(f"setting {name}='{value}': {message}")):
        check_settings(_settings(**{name: value}))


def test_the_default_settings_and_usual_values_pass() -> None:
    check_settings(_settings())
    check_settings(_settings(ARCHIVER_BODY_FORMAT="HTML", ARCHIVER_LOCK="false", ARCHIVER_THUMB_SIZE="200x200",
                             ARCHIVER_SITE_URL="https://example.org/archive/", ARCHIVER_FEED_MAX_ITEMS="0"))


def test_sources_file_errors_name_the_file_and_place(tmp_path: Path) -> None:
    path = tmp_path / "s.yml"
    path.write_text("sources:\n  - name: a\n    url: 'https://a'\n  - name: b\n   url: oops\n", encoding="utf-8")
    with pytest.raises(SourceError, match=rf"^{path}: not valid YAML: .* at line \d+, column \d+$"):
        load_sources(path)
    path.write_bytes("sources:\n  - {name: 中文, url: 'https://a'}\n".encode("gbk"))
    with pytest.raises(SourceError, match=rf"^{path}: cannot read the sources file"):
        load_sources(path)
    path.write_text("sources:\n  - {name: a, url: 'https://a', timezone: Asia/Shangai}\n", encoding="utf-8")
    with pytest.raises(SourceError, match=rf"^{path}: sources\[1\]: source 'a': unknown timezone"):
        load_sources(path)
    path.write_text("sources:\n  - {name: a, url: 'https://a', max_pages: lots}\n", encoding="utf-8")
    with pytest.raises(SourceError, match="max_pages must be a whole number"):
        load_sources(path)
    with pytest.raises(SourceError, match="no sources file there"):
        load_sources(tmp_path / "missing.yml")
    assert issubclass(SourceError, ConfigError)


def test_whole_number_arguments() -> None:
    assert whole_number_argument("max_items", " 12 ") == 12
    for bad in ("ten", "-1", "1.5", ""):
        with pytest.raises(SourceError, match=r"^-a max_items="):
            whole_number_argument("max_items", bad)


def test_settings_a_project_leaves_unset_keep_the_components_defaults() -> None:
    check_settings(Settings())  # another project's settings module: no ARCHIVER_* at all
