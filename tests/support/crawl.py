"""Run ``scrapy`` in a subprocess, as users do, and read what it logged: the tests' one
crawl helper (``run_crawl`` for the project's spiders, ``run_scrapy`` for any command)."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class CrawlResult:
    returncode: int
    log: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.log.splitlines() if " ERROR: " in line or line.startswith("Traceback")]

    @property
    def stats(self) -> dict[str, Any]:
        """The stats Scrapy dumps at the end of the log (a crawl that dumped none fails the test)."""
        match = re.search(r"Dumping Scrapy stats:\n(\{.*?\})\n", self.log, re.DOTALL)
        assert match, self.log[-3000:]
        text = re.sub(r"datetime\.datetime\([^)]*\)", "None", match.group(1))
        return ast.literal_eval(text)


def scrapy_command(*args: str, settings: Mapping[str, Any] | None = None) -> list[str]:
    """``python -m scrapy <args> -s NAME=VALUE ...``, run as users run it."""
    command = [sys.executable, "-m", "scrapy", *args]
    for key, value in (settings or {}).items():
        command += ["-s", f"{key}={value}"]
    return command


def scrapy_env(*importable: Path, **variables: str) -> dict[str, str]:
    """The environment of a ``scrapy`` subprocess: this checkout (and ``importable``
    folders, e.g. a throwaway project's) importable, no inherited SCRAPY_SETTINGS_MODULE."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(path) for path in (PROJECT_ROOT, *importable)),
           **variables}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    return env


def run_scrapy(*args: str, settings: Mapping[str, Any], cwd: Path = PROJECT_ROOT, timeout: float = 120,
               env: Mapping[str, str] | None = None) -> CrawlResult:
    """Run a scrapy command to its end; its log (stdout and stderr) is the result."""
    completed = subprocess.run(scrapy_command(*args, settings=settings), cwd=cwd, env=scrapy_env(**(env or {})),
                               capture_output=True, text=True, timeout=timeout, check=False)
    return CrawlResult(completed.returncode, completed.stdout + completed.stderr)


def run_crawl(*args: str, output: Path, spider: str = "feeds", timeout: float = 120,
              extra_settings: dict[str, str] | None = None) -> CrawlResult:
    """``scrapy crawl <spider>`` of this project into the archive ``output``."""
    settings = {"ARCHIVER_OUTPUT": str(output), "LOG_LEVEL": "INFO", "AUTOTHROTTLE_ENABLED": "False",
                **(extra_settings or {})}
    return run_scrapy("crawl", spider, *args, settings=settings, timeout=timeout)
