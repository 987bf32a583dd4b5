"""Scrapy imports every command module on each invocation (`scrapy crawl` included), so
the fleet's engine (procrastinate, psycopg: ~0.15 s) must load only when a fleet command runs."""

from __future__ import annotations

import subprocess
import sys

from tests.support.crawl import PROJECT_ROOT, scrapy_env

PROBE = """
import pkgutil, importlib, sys
import archiver.commands as commands
for module in pkgutil.iter_modules(commands.__path__):
    importlib.import_module(f"archiver.commands.{module.name}")
print(sorted(name for name in ("procrastinate", "psycopg", "archiver.distributed.engine") if name in sys.modules))
"""


def test_loading_the_commands_does_not_load_the_fleet_engine() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=PROJECT_ROOT, env=scrapy_env(), capture_output=True,
                          text=True, timeout=60, check=True)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
