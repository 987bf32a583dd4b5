"""A throwaway S3 API for the tests: moto's server mode (PyPI ``moto[server]``) in its own process.

The server is a real HTTP server on 127.0.0.1 that the crawls (subprocesses) and the
tests reach with botocore, as they would reach AWS or MinIO; nothing in the code under
test is patched. It binds port 0 and says which port it got, so no other process can
take the port between choosing and binding it. One server per test session; each test
makes its own bucket.

If the server cannot start, the fixture fails (it never skips): moto is in the test extra.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

_LISTENING = re.compile(r"Running on http://127\.0\.0\.1:(\d+)")
REGION = "us-east-1"


@dataclass(frozen=True)
class S3Server:
    endpoint: str

    def settings(self) -> dict[str, str]:
        """The Scrapy settings that point the archive (and Scrapy's own S3 store) here."""
        return {"AWS_ENDPOINT_URL": self.endpoint, "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION_NAME": REGION}

    def client(self) -> Any:
        import botocore.session

        return botocore.session.get_session().create_client(
            "s3", endpoint_url=self.endpoint, region_name=REGION,
            aws_access_key_id="testing", aws_secret_access_key="testing")

    def new_bucket(self) -> str:
        name = f"archive-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def objects(self, bucket: str, prefix: str = "") -> dict[str, bytes]:
        """Every object under ``prefix`` (key relative to it) with its bytes."""
        client = self.client()
        found: dict[str, bytes] = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for entry in page.get("Contents", []):
                key = entry["Key"]
                found[key[len(prefix):]] = client.get_object(Bucket=bucket, Key=key)["Body"].read()
        return found


def start_s3_server() -> tuple[subprocess.Popen[str], S3Server]:
    """Start moto's server; stop it with :func:`stop_s3_server` (the benchmarks use these too)."""
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        match = _LISTENING.search(line)
        if match:
            # Keep reading its request log, so a full pipe never blocks the server.
            threading.Thread(target=lambda: [None for _ in process.stdout or ()], daemon=True).start()
            return process, S3Server(f"http://127.0.0.1:{match.group(1)}")
    process.kill()
    raise RuntimeError("moto's S3 server did not start: " + "".join(seen))


def stop_s3_server(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    try:
        process, server = start_s3_server()
    except RuntimeError as error:
        pytest.fail(str(error))
    try:
        yield server
    finally:
        stop_s3_server(process)
