# ruff: noqa: N999  (the file name is the command name; see archiver/commands/__init__.py)
"""``scrapy export-feeds``: Scrapy takes a command's name from its module's file name.

The command itself lives in the importable ``export_feeds`` module.
"""

from __future__ import annotations

from archiver.commands import export_feeds


class Command(export_feeds.Command):
    pass
