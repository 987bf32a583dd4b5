"""Write each article as one Markdown post, atomically, at a path that never changes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from scrapy.exceptions import DropItem

from archiver import config
from archiver import stats as stats_keys
from archiver.archive.atomic import remove_stale_temp_files
from archiver.archive.jsonfeed import STALE_MARKER
from archiver.archive.paths import ARCHIVE_FOLDERS, post_relpath, unique_slug
from archiver.archive.render import BODY_FORMATS, parse_front_matter, render_post_reporting
from archiver.archive.state import ArchiveState, PathTaken, post_hash
from archiver.archive.state_backends import StateBackend
from archiver.archive.store import ArchiveStore, archive_spec, decode_text, open_checked_store, open_store, work_dir
from archiver.core.dates import is_later
from archiver.items import Article, article_key
from archiver.workers.process_pool import ProcessPool, WorkerCrashed

logger = logging.getLogger(__name__)
_T = TypeVar("_T")


class MarkdownWriterPipeline:
    def __init__(self, stats: Any, root: Path, body_format: str, escape_templates: bool,
                 state: StateBackend | None = None, pool: ProcessPool | None = None,
                 store: ArchiveStore | None = None, local_dir: Path | None = None) -> None:
        if body_format not in BODY_FORMATS:
            raise ValueError(f"{config.BODY_FORMAT} must be one of {BODY_FORMATS}, not {body_format!r}")
        self.stats = stats
        self.root = root
        # Where the posts go (a folder, or an object store: archiver.archive.store), and
        # the local folder of the feeds-stale marker (ARCHIVER_WORK_DIR).
        self.store = store or open_store(root)
        self.local_dir = local_dir or root
        self.body_format = body_format
        self.escape_templates = escape_templates
        # The state makes a post's path stable even when its title changes; without it
        # (a writer built by hand) the front matter of the file at the candidate path says
        # whose it is.
        self.state = state
        # Paths claimed in this run, so two new articles with one title get two files.
        self._claimed: dict[str, str] = {}
        self._feeds_marked = False
        # Only a crawl that holds the archive lock may delete temp files: in a fleet
        # (ARCHIVER_LOCK off) they may be another crawl's writes in flight, and the
        # job that closes the distributed run removes the stale ones.
        self.remove_temp_files = True
        self.pool = pool or ProcessPool(0)

    @classmethod
    def from_crawler(cls, crawler: Any) -> MarkdownWriterPipeline:
        settings = crawler.settings
        spec = archive_spec(settings)
        local_dir = work_dir(settings)
        pipeline = cls(
            crawler.stats,
            spec.folder or local_dir,
            body_format=config.BODY_FORMAT.get(settings),
            escape_templates=config.ESCAPE_TEMPLATES.get(settings),
            state=ArchiveState.for_crawler(crawler),
            pool=ProcessPool.for_crawler(crawler),
            # A store it cannot use stops the crawl before it starts (exit 2).
            store=open_checked_store(spec, config.OUTPUT.name),
            local_dir=local_dir,
        )
        pipeline.remove_temp_files = config.LOCK.get(settings)
        return pipeline

    def open_spider(self) -> None:
        # Temp files of a run that was killed mid-write. Safe to delete: the archive
        # lock (taken before any pipeline opens) says no other run is writing here.
        root = self.store.local_root()
        if not self.remove_temp_files or root is None:  # an object store has no temp files
            return
        removed = sum(remove_stale_temp_files(root / folder)
                      for folder in ARCHIVE_FOLDERS if (root / folder).exists())
        if removed:
            logger.info("removed %d temp files left by an interrupted run", removed)

    def _mark_feeds_stale(self) -> None:
        """Before the first post changes: the feeds are out of date until exported."""
        if not self._feeds_marked:
            marker = self.local_dir / STALE_MARKER
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
            self._feeds_marked = True

    # --- where the post goes --------------------------------------------------------------

    def _owner_of(self, relpath: str) -> str | None:
        """The key of the article that holds ``relpath``, if any."""
        if relpath in self._claimed:
            return self._claimed[relpath]
        if self.state is not None:
            owner = self.state.path_owner(relpath)
            if owner is not None:
                return owner
        data = self.store.read_bytes(relpath)
        if data is None:
            return None
        meta = parse_front_matter(data) or {}
        ident = str(meta.get("guid") or meta.get("source_url") or "")
        source = str(meta.get("source") or PurePosixPath(relpath).parts[1])  # posts/<source>/...
        return article_key(source, ident) if ident else f"unreadable:{relpath}"

    def known_post(self, item: Article) -> str | None:
        """The path an earlier run wrote this article to, if it did."""
        if self.state is not None:
            record = self.state.article(item.key)
            if record is not None and self.store.exists(str(record.post_path)):
                return str(record.post_path)
        return None

    def choose_path(self, item: Article) -> str:
        known = self.known_post(item)
        if known:
            return known

        def is_taken(slug: str) -> bool:
            owner = self._owner_of(str(post_relpath(item.source, item.published or "", slug)))
            return owner is not None and owner != item.key

        slug = unique_slug(item.title, item.key, is_taken)
        return str(post_relpath(item.source, item.published or "", slug))

    # --- what goes in it -----------------------------------------------------------------

    def front_matter(self, item: Article) -> dict[str, Any]:
        return {
            "title": item.title,
            "categories": list(item.categories),
            "tags": list(item.tags),
            "author": ", ".join(item.authors) or None,
            "date": item.published,
            "updated": item.updated,
            "headimg": item.headimg,
            "thumbnail": item.thumbnail,
            "comments": False,
            "source_url": item.url,
            "guid": item.guid,
            "description": item.summary,
            "source": item.source,
            "lang": item.language,
        }

    async def process_item(self, item: Any) -> Any:
        if not isinstance(item, Article):
            return item
        relpath = await self._io(self.choose_path, item)
        while self._claimed.get(relpath, item.key) != item.key:
            # Claimed by another article while an object store was asked: choose again
            # (the claim is now seen). A local store answers inline, never meanwhile.
            relpath = await self._io(self.choose_path, item)
        # Claimed before rendering (which awaits a worker), so that another new article
        # with the same title, chosen meanwhile, takes the next free slug.
        self._claimed[relpath] = item.key
        try:
            return await self._write(item, relpath)
        except BaseException:
            if item.post_path != relpath:
                self._claimed.pop(relpath, None)
            raise

    async def _write(self, item: Article, relpath: str) -> Article:
        old_data = await self._io(self.store.read_bytes, relpath)
        old_text = decode_text(old_data) if old_data is not None else None
        existing = parse_front_matter(old_data) if old_text is not None else None
        fields = self.front_matter(item)
        if existing:
            if item.undated and existing.get("date"):
                fields["date"] = str(existing["date"])
            # A file may carry a later "updated" than the source announces (a change we
            # noticed ourselves): keep the later one, so an unchanged article renders to
            # the same bytes and is not written again.
            old_updated = str(existing["updated"]) if existing.get("updated") else None
            if old_updated and is_later(old_updated, item.updated):
                fields["updated"] = old_updated
        text = await self.render(fields, item)
        if existing is not None and old_text != text and fields["updated"] == (
            str(existing["updated"]) if existing.get("updated") else None
        ):
            # Changed since the last run though the source did not say so: say when we noticed.
            fields["updated"] = datetime.now(UTC).replace(microsecond=0).isoformat()
            text = await self.render(fields, item)
        if old_text != text:
            self._mark_feeds_stale()
        try:
            # The old bytes were just read: the store need not compare them again (for an
            # object store that is one request less per post).
            payload = text.encode("utf-8")
            written = old_data != payload and await self._in_thread(partial(self.store.write, skip_same=False),
                                                                    relpath, payload)
        except OSError as error:
            logger.error("cannot write %s for %s: %s", relpath, item.url, error)
            self.stats.inc_value(stats_keys.POSTS_FAILED)
            self.stats.inc_value(stats_keys.source_failed(item.source))
            raise DropItem(f"write failed: {relpath}: {error}") from error
        item.post_path = relpath
        item.content_hash = post_hash(text)
        item.status = "new" if existing is None else "updated" if written else "unchanged"
        # The file first, then the record: a kill in between leaves a file the next run
        # renders to the same bytes (so does not rewrite) and then records.
        if self.state is not None:
            try:
                self.state.record_article(item.key, source=item.source, post_path=relpath,
                                          content_hash=item.content_hash, published=item.published,
                                          updated=fields.get("updated"))
            except PathTaken as error:
                logger.error("state: %s", error)
        self.stats.inc_value(stats_keys.posts(item.status))
        self.stats.inc_value(stats_keys.source_items(item.source))
        if written:
            logger.info("%s post %s (%s)", item.status, relpath, item.url)
        return item

    async def _io(self, func: Callable[..., _T], *args: Any) -> _T:
        """Run a store call: inline for a folder (a stat or a small read), in a thread for
        an object store, whose calls wait on the network and must not stall the reactor."""
        if not self.store.remote:
            return func(*args)
        return await self._in_thread(func, *args)

    @staticmethod
    async def _in_thread(func: Callable[..., _T], *args: Any) -> _T:
        """Writes always run in a thread: a folder write fsyncs (~5 ms of waiting on the
        disk per post), which on the reactor thread held up every download and response
        meanwhile. The path was claimed before (``_claimed``), so no other article takes it."""
        return await asyncio.to_thread(func, *args)

    async def render(self, fields: dict[str, Any], item: Article) -> str:
        """The post's text, made in a worker process (HTML to Markdown is CPU work)."""
        try:
            text, fallback = await self.pool.run(render_post_reporting, fields, item.content_html or "",
                                                 self.body_format, self.escape_templates)
        except WorkerCrashed as error:
            logger.warning("%s (%s): not archived this run: %s", item.url, item.source, error)
            self.stats.inc_value(stats_keys.posts("worker_crashed"))
            self.stats.inc_value(stats_keys.source_failed(item.source))  # tried again next run
            raise DropItem(f"worker crashed: {item.url}") from error
        if fallback:
            # The body's first Markdown would have rendered markup the article did not
            # have (archiver.archive.markdown_body): written safely, but plainer than the page.
            logger.warning("%s (%s): body written with the Markdown fallback %r", item.url, item.source, fallback)
            self.stats.inc_value(stats_keys.markdown_fallback(fallback))
        return text
