# ruff: noqa: N999  (the file name is the command name; see archiver/commands/__init__.py)
"""``scrapy rebuild-state``: Scrapy takes a command's name from its module's file name.

The command itself lives in the importable ``rebuild_state`` module.
"""

from __future__ import annotations

from archiver.commands import rebuild_state


class Command(rebuild_state.Command):
    pass
