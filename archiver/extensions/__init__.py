"""Scrapy extensions of the archiver (one module per extension)."""
