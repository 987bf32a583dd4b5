"""Scrapy settings for archiver. Every ARCHIVER_* setting is defined in archiver/config.py and listed in README.md."""

from scrapy.settings import default_settings as _scrapy_defaults

from archiver import __version__, config

BOT_NAME = "archiver"
SPIDER_MODULES = ["archiver.spiders"]
NEWSPIDER_MODULE = "archiver.spiders"

# --- archiver ---------------------------------------------------------------------------
# Every ARCHIVER_* setting, with its one default and what it does, is in archiver/config.py.
globals().update(config.defaults())
IMAGES_EXPIRES = 90  # days before a stored image is checked again (Scrapy's setting)

COMMANDS_MODULE = "archiver.commands"
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,  # replaced: 304s count as healthy answers
    "archiver.extensions.throttle.NotModifiedAwareAutoThrottle": 0,
    "archiver.extensions.archive_lock.ArchiveLockExtension": -1,  # before anything opens a file
    "archiver.extensions.run_summary.RunSummary": 500,
    "archiver.extensions.feed_export.JsonFeedExporter": 500,
}
# RemoteControl is off (REMOTE_CONTROL_ENABLED below), but Scrapy imports every listed
# extension, even one set to None, and this one imports aiohttp: ~0.25 s of CPU on every
# run, a tenth of a scheduled run that adds one post. Listed in EXTENSIONS, it comes back.
EXTENSIONS_BASE = {name: order for name, order in _scrapy_defaults.EXTENSIONS_BASE.items()
                   if name != "scrapy.extensions.remote_control.RemoteControl"}
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
