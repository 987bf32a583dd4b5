"""Scrapy settings for archiver. Every ARCHIVER_* setting is listed in README.md."""

from archiver import __version__

BOT_NAME = "archiver"
SPIDER_MODULES = ["archiver.spiders"]
NEWSPIDER_MODULE = "archiver.spiders"

# --- archiver ---------------------------------------------------------------------------
ARCHIVER_OUTPUT = "output"  # the archive root
ARCHIVER_SOURCES = "sources.yml"  # overridden per run by -a sources=PATH
ARCHIVER_BODY_FORMAT = "markdown"  # or "html": keep the sanitized HTML as the body
ARCHIVER_ESCAPE_TEMPLATES = True  # wrap {{ }} / {% %} in {% raw %} for Hexo
ARCHIVER_ALLOW_IFRAMES = False  # keep <iframe> embeds (video players) in bodies
ARCHIVER_SUMMARY_CHARS = 200  # length of the plain-text `description`

ITEM_PIPELINES = {
    "archiver.pipelines.validate.ValidateArticlePipeline": 100,
    "archiver.pipelines.normalize.NormalizeArticlePipeline": 300,
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
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
