"""Scrapy settings for archiver. Every ARCHIVER_* setting is listed in README.md."""

from archiver import __version__

BOT_NAME = "archiver"
SPIDER_MODULES = ["archiver.spiders"]
NEWSPIDER_MODULE = "archiver.spiders"

# --- archiver ---------------------------------------------------------------------------
ARCHIVER_OUTPUT = "output"  # the archive root
ARCHIVER_SOURCES = "sources.yml"  # overridden per run by -a sources=PATH
ARCHIVER_BODY_FORMAT = "markdown"  # or "html": keep the sanitized HTML as the body
ARCHIVER_ESCAPE_TEMPLATES = True  # {{ }} / {% %} / {# #} written so Hexo and Hugo print them
ARCHIVER_ALLOW_IFRAMES = False  # keep <iframe> embeds (video players) in bodies
ARCHIVER_SUMMARY_CHARS = 200  # length of the plain-text `description`

# Images (archiver/pipelines/images.py, archiver/images/imaging.py); stored under ARCHIVER_OUTPUT
ARCHIVER_HEADER_MAX_WIDTH = 1200  # header image fits this width, never upscaled
ARCHIVER_THUMB_SIZE = "400x300"  # thumbnail cropped to exactly this size
ARCHIVER_INLINE_MAX_WIDTH = 1000  # inline images fit this width
ARCHIVER_IMAGE_FORMAT = "original"  # original | webp | jpeg
ARCHIVER_KEEP_ORIGINALS = False  # keep the raw downloads in .archiver/originals/
ARCHIVER_IMAGE_URL_STYLE = "root"  # root (/images/...) | relative (../../../images/...)
ARCHIVER_PLACEHOLDER = "none"  # none | generate: a deterministic local thumbnail when there is no image
ARCHIVER_IMAGE_REFERER = True  # send the article page as Referer (per source: image_referer)
ARCHIVER_IMAGE_MAX_PIXELS = 50_000_000  # larger images are refused as bombs, before decoding
ARCHIVER_IMAGE_THREADS = 0  # threads for placeholder images; 0 = min(4, CPUs) (downloads render in the workers)
IMAGES_EXPIRES = 90  # days before a stored image is checked again

# CPU work (page extraction, sanitizing, Markdown, image pixels) in worker processes
ARCHIVER_WORKERS = -1  # worker processes; -1 = one per core, 0 = none (all on the reactor thread)
ARCHIVER_WORKER_MAX_TASKS = 200  # a worker is replaced after this many jobs, so its memory stays flat

# JSON Feed export (archiver/archive/jsonfeed.py), rebuilt after a crawl that changed posts
ARCHIVER_EXPORT_FEEDS = True
ARCHIVER_SITE_URL = ""  # public root of the published archive, e.g. "https://example.org/"
ARCHIVER_FEED_TITLE = "archiver"
ARCHIVER_FEED_MAX_ITEMS = 100  # items per feed document; 0 = all
ARCHIVER_FEED_PERMALINK = ":year/:month/:day/:slug/"  # Hexo's default permalink
ARCHIVER_FEED_JSONL = True  # also write feeds/feed.jsonl

# `scrapy site` (archiver/site/): <ARCHIVER_OUTPUT>/site/, rooted at ARCHIVER_SITE_URL
ARCHIVER_SITE_SEARCH_LANGUAGE = "zh-cn"  # the one language Pagefind indexes the archive as

# State, incremental runs and scheduling (see docs/scheduling.md)
ARCHIVER_LOCK = True  # one run at a time per archive; a second exits 3 at once
ARCHIVER_RUN_SUMMARY = True  # the one-line summary, the runs table, exit code 4 on a failed source
ARCHIVER_CONDITIONAL_REQUESTS = True  # If-None-Match / If-Modified-Since, 304 ends the branch
ARCHIVER_REVISIT = "never"  # archived article, unchanged feed entry: never | <N>h/d/w (if younger) | always requested

# Many machines (see docs/distributed.md): state in PostgreSQL, sites handed out by procrastinate
ARCHIVER_STATE_URL = ""  # postgresql://user@host/db; empty = <archive>/.archiver/state.sqlite
ARCHIVER_FLEET_RUN = 0  # set by the fleet worker on each crawl: the distributed run it belongs to
ARCHIVER_FLEET_SITE = ""  # set by the fleet worker on each crawl: the site it archives
ARCHIVER_FLEET_HEARTBEAT = 10.0  # seconds between worker heartbeats; 3 missed = dead, its site goes to another
ARCHIVER_FLEET_SCHEDULE = ""  # cron for fleet-wide scheduled runs, e.g. "0 * * * *"; empty = none

COMMANDS_MODULE = "archiver.commands"
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,  # replaced: 304s count as healthy answers
    "archiver.extensions.throttle.NotModifiedAwareAutoThrottle": 0,
    "archiver.extensions.archive_lock.ArchiveLockExtension": -1,  # before anything opens a file
    "archiver.extensions.run_summary.RunSummary": 500,
    "archiver.extensions.feed_export.JsonFeedExporter": 500,
}
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's own lets requests that arrive while robots.txt loads through unchecked.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "archiver.middlewares.robots.WaitingSafeRobotsTxtMiddleware": 100,
    # Below RedirectMiddleware (600), so it sees the final response and its 304.
    "archiver.middlewares.conditional_requests.ConditionalRequestsMiddleware": 560,
}

ITEM_PIPELINES = {
    "archiver.pipelines.validate.ValidateArticlePipeline": 100,
    "archiver.pipelines.normalize.NormalizeArticlePipeline": 300,
    "archiver.pipelines.images.ArticleImagesPipeline": 400,
    "archiver.pipelines.writer.MarkdownWriterPipeline": 500,
}

# --- politeness -------------------------------------------------------------------------
USER_AGENT = f"archiver/{__version__} (news archiving bot; Scrapy)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 2

# --- plumbing ---------------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
# Unattended, scheduled runs need no interactive consoles listening on a port.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
LOG_LEVEL = "INFO"
