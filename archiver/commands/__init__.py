"""Project commands for ``scrapy`` (enabled by ``COMMANDS_MODULE = "archiver.commands"``).

Scrapy names a command after the last part of its module's name, which is why
``scrapy export-feeds`` lives in ``export-feeds.py`` (a thin alias of the importable
``export_feeds.py``, which Scrapy also lists as ``scrapy export_feeds``).
"""
