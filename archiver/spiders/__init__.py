"""Spiders: ``feeds`` (any source kind, feeds by default) and ``pages`` (HTML listings)."""

from archiver.spiders.archive import ArchiveSpider, PagesSpider

__all__ = ["ArchiveSpider", "PagesSpider"]
