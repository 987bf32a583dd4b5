"""Every ``ARCHIVER_*`` setting: its name, its one default, and a typed getter (pure).

Components read a setting through its object here (``config.LOCK.get(crawler.settings)``),
never by spelling its name or default again: one typo or one stale default elsewhere would
otherwise make two components disagree about the same setting. ``archiver/settings.py``
takes the defaults from :func:`defaults`, so ``scrapy settings --get`` shows them, and
``tests/unit/test_one_home.py`` fails if a name is spelled outside this module.

A string setting given as the empty string counts as not given (its default applies),
so ``-s ARCHIVER_OUTPUT=`` cannot silently mean the current folder in one component and
``output`` in another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


class SettingsLike(Protocol):
    """What a getter needs: Scrapy's ``Settings`` (a plain dict works for strings)."""

    def get(self, name: str, /) -> Any: ...


class TypedSettings(SettingsLike, Protocol):
    def getbool(self, name: str, default: bool = False) -> bool: ...

    def getint(self, name: str, default: int = 0) -> int: ...

    def getfloat(self, name: str, default: float = 0.0) -> float: ...


@dataclass(frozen=True)
class Setting:
    name: str
    doc: str

    def __str__(self) -> str:  # so messages can say f"{config.LOCK} is off"
        return self.name

    def raw(self, settings: SettingsLike) -> Any:
        """The value as given (None when not set), for checks that judge what the user typed."""
        return settings.get(self.name)


@dataclass(frozen=True)
class StrSetting(Setting):
    default: str
    choices: tuple[str, ...] = ()  # the values allowed, when the setting is a choice (checked by config_check)

    def get(self, settings: SettingsLike) -> str:
        value = settings.get(self.name)
        return self.default if value is None or value == "" else str(value)


@dataclass(frozen=True)
class BoolSetting(Setting):
    default: bool

    def get(self, settings: TypedSettings) -> bool:
        return settings.getbool(self.name, self.default)


@dataclass(frozen=True)
class IntSetting(Setting):
    default: int
    minimum: int | None = None  # the smallest value that makes sense (checked by config_check)

    def get(self, settings: TypedSettings) -> int:
        return settings.getint(self.name, self.default)


@dataclass(frozen=True)
class FloatSetting(Setting):
    default: float

    def get(self, settings: TypedSettings) -> float:
        return settings.getfloat(self.name, self.default)


# --- the archive and its posts -----------------------------------------------------------
OUTPUT = StrSetting("ARCHIVER_OUTPUT", "the archive root: a folder, or s3://bucket/prefix", "output")
WORK_DIR = StrSetting("ARCHIVER_WORK_DIR", "local folder of the state, feed cache and lock; empty = the archive "
                      "folder (required when ARCHIVER_OUTPUT is a bucket)", "")
SOURCES = StrSetting("ARCHIVER_SOURCES", "the sources file; -a sources=PATH wins", "sources.yml")
BODY_FORMAT = StrSetting("ARCHIVER_BODY_FORMAT", "markdown, or html: keep the sanitized HTML as the body", "markdown")
ESCAPE_TEMPLATES = BoolSetting("ARCHIVER_ESCAPE_TEMPLATES", "{{ }} / {% %} / {# #} written so Hexo and Hugo print them",
                               True)
ALLOW_IFRAMES = BoolSetting("ARCHIVER_ALLOW_IFRAMES", "keep <iframe> embeds (video players) in bodies", False)
SUMMARY_CHARS = IntSetting("ARCHIVER_SUMMARY_CHARS", "length of the plain-text description", 200, minimum=1)

# --- images (pipelines/images.py, images/imaging.py); stored under OUTPUT -----------------
HEADER_MAX_WIDTH = IntSetting("ARCHIVER_HEADER_MAX_WIDTH", "header image fits this width, never upscaled", 1200,
                              minimum=1)
THUMB_SIZE = StrSetting("ARCHIVER_THUMB_SIZE", "thumbnail cropped to exactly this size", "400x300")
INLINE_MAX_WIDTH = IntSetting("ARCHIVER_INLINE_MAX_WIDTH", "inline images fit this width", 1000, minimum=1)
IMAGE_FORMAT = StrSetting("ARCHIVER_IMAGE_FORMAT", "original | web | webp | jpeg", "original")
KEEP_ORIGINALS = BoolSetting("ARCHIVER_KEEP_ORIGINALS", "keep the raw downloads in .archiver/originals/", False)
IMAGE_URL_STYLE = StrSetting("ARCHIVER_IMAGE_URL_STYLE", "root (/images/...) | relative (../../../images/...)", "root",
                             choices=("root", "relative"))
PLACEHOLDER = StrSetting("ARCHIVER_PLACEHOLDER",
                         "none | generate: a deterministic local thumbnail when there is no image", "none",
                         choices=("none", "generate"))
IMAGE_REFERER = BoolSetting("ARCHIVER_IMAGE_REFERER", "send the article page as Referer (per source: image_referer)",
                            True)
IMAGE_MAX_PIXELS = IntSetting("ARCHIVER_IMAGE_MAX_PIXELS", "larger images are refused as bombs, before decoding",
                              50_000_000, minimum=1)
IMAGE_THREADS = IntSetting("ARCHIVER_IMAGE_THREADS", "threads that draw placeholder images and write image files; 0 = min(4, CPUs)", 0, minimum=0)

# --- CPU work (page extraction, sanitizing, Markdown, image pixels) in worker processes ---
WORKERS = IntSetting("ARCHIVER_WORKERS", "worker processes; -1 = one per core, 0 = none (all on the reactor thread)",
                     -1)
WORKER_MAX_TASKS = IntSetting("ARCHIVER_WORKER_MAX_TASKS",
                              "the workers are replaced after this many jobs each, so their memory stays flat", 1000)

# --- JSON Feed export (archive/jsonfeed.py), rebuilt after a crawl that changed posts -----
EXPORT_FEEDS = BoolSetting("ARCHIVER_EXPORT_FEEDS", "rebuild feeds/ after a crawl that changed posts", True)
SITE_URL = StrSetting("ARCHIVER_SITE_URL", "public root of the published archive, e.g. https://example.org/", "")
FEED_TITLE = StrSetting("ARCHIVER_FEED_TITLE", "feed title", "archiver")
FEED_MAX_ITEMS = IntSetting("ARCHIVER_FEED_MAX_ITEMS", "items per feed document; 0 = all", 100, minimum=0)
FEED_PERMALINK = StrSetting("ARCHIVER_FEED_PERMALINK", "a post's public URL under SITE_URL (Hexo's default)",
                            ":year/:month/:day/:slug/")
FEED_JSONL = BoolSetting("ARCHIVER_FEED_JSONL", "also write feeds/feed.jsonl", True)

# --- `scrapy site` (site/): <OUTPUT>/site/, rooted at SITE_URL ---------------------------
SITE_SEARCH_LANGUAGE = StrSetting("ARCHIVER_SITE_SEARCH_LANGUAGE", "the one language Pagefind indexes the archive as",
                                  "zh-cn")

# --- state, incremental runs and scheduling (docs/scheduling.md) -------------------------
LOCK = BoolSetting("ARCHIVER_LOCK", "one run at a time per archive; a second exits 3 at once", True)
RUN_SUMMARY = BoolSetting("ARCHIVER_RUN_SUMMARY", "the one-line summary, the runs table, exit code 4 on a failed source",
                          True)
CONDITIONAL_REQUESTS = BoolSetting("ARCHIVER_CONDITIONAL_REQUESTS",
                                   "If-None-Match / If-Modified-Since, 304 ends the branch", True)
REVISIT = StrSetting("ARCHIVER_REVISIT",
                     "archived article, unchanged feed entry: never | <N>h/d/w (if younger) | always requested", "never")

# --- many machines (docs/distributed.md) --------------------------------------------------
STATE_URL = StrSetting("ARCHIVER_STATE_URL", "postgresql://user@host/db; empty = <archive>/.archiver/state.sqlite", "")
FLEET_RUN = IntSetting("ARCHIVER_FLEET_RUN", "set by the fleet worker on each crawl: the distributed run it belongs to",
                       0)
FLEET_SITE = StrSetting("ARCHIVER_FLEET_SITE", "set by the fleet worker on each crawl: the site it archives", "")
FLEET_HEARTBEAT = FloatSetting("ARCHIVER_FLEET_HEARTBEAT",
                               "seconds between worker heartbeats; 3 missed = dead, its site goes to another", 10.0)
FLEET_SCHEDULE = StrSetting("ARCHIVER_FLEET_SCHEDULE", "cron for fleet-wide scheduled runs; empty = none", "")

ALL: tuple[StrSetting | BoolSetting | IntSetting | FloatSetting, ...] = tuple(
    value for value in list(globals().values()) if isinstance(value, Setting)  # type: ignore[misc]
)


def defaults() -> dict[str, Any]:
    """``{name: default}`` of every setting, for archiver/settings.py."""
    return {setting.name: setting.default for setting in ALL}
