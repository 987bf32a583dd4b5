"""archiver: turn news aggregators into a static-site-ready Markdown archive."""

__version__ = "0.1.0"
