"""Project commands for ``scrapy`` (enabled by ``COMMANDS_MODULE = "archiver.commands"``).

Scrapy names a command after the last part of its module's name, so ``scrapy
export-feeds`` lives in ``export-feeds.py`` (a module name Python's ``import`` statement
cannot spell, but ``importlib`` and Scrapy's command loader can).
"""
