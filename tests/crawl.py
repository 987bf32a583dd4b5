"""Run ``scrapy crawl`` in a subprocess, as users do, and read what it logged."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class CrawlResult:
    returncode: int
    log: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.log.splitlines() if " ERROR: " in line or line.startswith("Traceback")]

    @property
    def stats(self) -> dict[str, object]:
        """The stats Scrapy dumps at the end of the log."""
        match = re.search(r"Dumping Scrapy stats:\n(\{.*?\})\n", self.log, re.DOTALL)
        if not match:
            return {}
        text = re.sub(r"datetime\.datetime\([^)]*\)", "None", match.group(1))
        return ast.literal_eval(text)


def run_crawl(*args: str, output: Path, spider: str = "feeds", timeout: float = 120,
              extra_settings: dict[str, str] | None = None) -> CrawlResult:
    settings = {"ARCHIVER_OUTPUT": str(output), "LOG_LEVEL": "INFO", "AUTOTHROTTLE_ENABLED": "False",
                **(extra_settings or {})}
    command = [sys.executable, "-m", "scrapy", "crawl", spider, *args]
    for key, value in settings.items():
        command += ["-s", f"{key}={value}"]
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)
    completed = subprocess.run(command, cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
                               timeout=timeout)
    return CrawlResult(completed.returncode, completed.stdout + completed.stderr)
