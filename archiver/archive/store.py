"""Where the archive's files live: a local folder (the default) or an S3-API object store.

Posts, images, original downloads and feeds are written and read through an
:class:`ArchiveStore`, addressed by paths relative to the archive root
(``posts/<source>/<YYYY>/<file>.md``). Two implementations:

* :class:`FolderStore` (``ARCHIVER_OUTPUT=output``, a network mount works too): atomic
  writes through :func:`archiver.archive.atomic.write_atomic`, exactly what the archive always
  did, so a local archive is byte for byte unchanged;
* :class:`S3Store` (``s3://bucket/prefix``, any S3 API: AWS, MinIO, Ceph, Google Cloud
  Storage's interoperability endpoint through ``AWS_ENDPOINT_URL``). A PUT is atomic by
  itself (readers see the old object or the new one), so no temp objects exist.

Why botocore directly and not Scrapy's ``FilesStore`` (``S3FilesStore``): a FilesStore
only persists and stats a file, returning Deferreds on the reactor. The archive also
reads posts back (stable paths, kept dates), lists them (feeds, ``rebuild-state``),
deletes stale feeds, and writes from threads that have no reactor (posts and image
renditions, so that neither the reactor nor a worker process waits on a write). botocore is what ``S3FilesStore`` uses, and the same Scrapy settings configure
it (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``, ``AWS_SESSION_TOKEN``,
``AWS_ENDPOINT_URL``, ``AWS_REGION_NAME``, ``AWS_USE_SSL``, ``AWS_VERIFY``), so one set of
credentials serves ``IMAGES_STORE`` and ``ARCHIVER_OUTPUT``.

A store that cannot be used (unknown scheme, no credentials, bucket absent, endpoint
down) raises :class:`StoreUnusable`, a ConfigError: ``scrapy crawl`` and the commands
refuse to start (exit 2) instead of running and losing what they archive.

The state database, the feed-item cache and the lock are local files, never in an object
store: they live in ``ARCHIVER_WORK_DIR`` (:func:`work_dir`), by default the archive
folder itself.

Pure module: no Scrapy import (settings are read through their ``get``).
"""

from __future__ import annotations

import filecmp
import functools
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from archiver import config
from archiver.archive.atomic import write_atomic
from archiver.errors import ConfigError

LOCAL_SCHEMES = ("", "file")
OBJECT_SCHEMES = ("s3",)
# Scrapy's own names for the S3 settings (scrapy.pipelines.files.S3FilesStore).
_S3_SETTINGS = {
    "access_key": "AWS_ACCESS_KEY_ID",
    "secret_key": "AWS_SECRET_ACCESS_KEY",
    "session_token": "AWS_SESSION_TOKEN",
    "endpoint_url": "AWS_ENDPOINT_URL",
    "region_name": "AWS_REGION_NAME",
    "use_ssl": "AWS_USE_SSL",
    "verify": "AWS_VERIFY",
}


class StoreUnusable(ConfigError):
    """The archive store named by a setting cannot be used; the message says why."""


@dataclass(frozen=True)
class FileStat:
    mtime_ns: int
    size: int


@dataclass(frozen=True)
class StoreSpec:
    """Everything needed to open a store (picklable: worker processes open their own)."""

    uri: str
    endpoint_url: str | None = None
    region_name: str | None = None
    access_key: str | None = None
    secret_key: str | None = None
    session_token: str | None = None
    use_ssl: bool | None = None
    verify: bool | str | None = None

    @property
    def scheme(self) -> str:
        head, sep, _ = self.uri.partition("://")
        return head.lower() if sep else ""

    @property
    def is_local(self) -> bool:
        return self.scheme in LOCAL_SCHEMES

    @property
    def folder(self) -> Path | None:
        """The local folder of a folder store; None for an object store."""
        return Path(self.uri.removeprefix("file://")) if self.is_local else None


class ArchiveStore(Protocol):
    spec: StoreSpec
    # Calls may wait on the network: callers on the reactor thread run them in a thread.
    remote: bool

    def local_root(self) -> Path | None:
        """The folder behind the store, for a local one (temp-file clean-up, Hugo)."""

    def read_bytes(self, relpath: str) -> bytes | None:
        """The file's bytes, or None when there is no such file."""

    def read_stamped(self, relpath: str) -> tuple[bytes, FileStat] | None:
        """The file's bytes and the stamp they had when read (one request for a bucket)."""

    def write(self, relpath: str, data: bytes | str, *, skip_same: bool = True) -> bool:
        """Write atomically; False (nothing written) when the file already holds these
        bytes. ``skip_same=False``: the caller knows they differ (it just read the file),
        so the store does not ask again."""

    def write_stream(self, relpath: str, chunks: Iterable[str]) -> bool:
        """Write text streamed in pieces (never held whole), atomically; False when unchanged."""

    def stat(self, relpath: str) -> FileStat | None: ...

    def exists(self, relpath: str) -> bool: ...

    def list(self, prefix: str = "") -> list[tuple[str, FileStat]]:
        """Files under ``prefix`` (relative paths, sorted by path parts), hidden files,
        hidden folders and temp files left out."""

    def delete(self, relpath: str) -> None: ...

    def copy(self, source: str, target: str) -> bool:
        """Copy one file of the store to another path of it; False when ``source`` is gone."""

    def check(self) -> None:
        """Raise StoreUnusable when the store cannot be used: not a folder; unknown
        bucket, no credentials, access denied or endpoint down (a bucket that may be
        read but not written shows up at the first write, as a logged, counted failure)."""


def decode_text(data: bytes) -> str:
    """A text file's bytes as ``Path.read_text`` reads them: UTF-8, newlines made \\n."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _is_visible(relpath: str) -> bool:
    parts = PurePosixPath(relpath).parts
    return not any(part.startswith(".") for part in parts) and not relpath.endswith(".tmp")


def _path_order(entry: tuple[str, FileStat]) -> list[str]:
    """Listings are sorted folder by folder (``a/b`` before ``a-c/d``), as PurePosixPath
    parts sort, whatever the store."""
    return entry[0].split("/")


def _payload(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


class FolderStore:
    """The archive in a local folder (or a mounted network file system)."""

    remote = False

    def __init__(self, spec: StoreSpec) -> None:
        self.spec = spec
        assert spec.folder is not None
        self.root = spec.folder

    def local_root(self) -> Path | None:
        return self.root

    def read_bytes(self, relpath: str) -> bytes | None:
        try:
            return (self.root / relpath).read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None

    def read_stamped(self, relpath: str) -> tuple[bytes, FileStat] | None:
        # Stamp first: a change between the two reads makes the stamp older than the
        # bytes, so the feed cache renders the post again next time (never the reverse).
        stat = self.stat(relpath)
        data = self.read_bytes(relpath)
        return (data, stat) if stat is not None and data is not None else None

    def write(self, relpath: str, data: bytes | str, *, skip_same: bool = True) -> bool:
        return write_atomic(self.root / relpath, data, skip_same=skip_same)

    def write_stream(self, relpath: str, chunks: Iterable[str]) -> bool:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                for chunk in chunks:
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            # Compared chunk by chunk with the old file, so neither is held in memory.
            if path.exists() and filecmp.cmp(tmp_name, path, shallow=False):
                os.unlink(tmp_name)
                return False
            os.chmod(tmp_name, 0o644)
            os.replace(tmp_name, path)
            return True
        except BaseException:
            Path(tmp_name).unlink(missing_ok=True)
            raise

    def stat(self, relpath: str) -> FileStat | None:
        try:
            found = (self.root / relpath).stat()
        except (FileNotFoundError, NotADirectoryError):
            return None
        return FileStat(found.st_mtime_ns, found.st_size)

    def exists(self, relpath: str) -> bool:
        return (self.root / relpath).is_file()

    def list(self, prefix: str = "") -> list[tuple[str, FileStat]]:
        # os.scandir and plain strings: a scheduled run lists every post and image once
        # (40,000 files at 10,000 posts), where Path objects per file cost ~1 s.
        top = os.path.join(self.root, prefix) if prefix else str(self.root)
        start = len(str(self.root)) + 1
        found: list[tuple[str, FileStat]] = []
        folders = [top]
        while folders:
            try:
                entries = os.scandir(folders.pop())
            except (FileNotFoundError, NotADirectoryError):
                continue  # no such folder (yet), or removed while listing
            with entries:
                for entry in entries:
                    name = entry.name
                    if name.startswith("."):
                        continue  # hidden files, and hidden folders (.archiver, .git) never entered
                    try:
                        if entry.is_dir():
                            if not entry.is_symlink():  # as os.walk: linked folders not entered
                                folders.append(entry.path)
                            continue
                        if name.endswith(".tmp"):
                            continue
                        found_stat = entry.stat()
                    except OSError:
                        continue  # removed while listing
                    found.append((entry.path[start:].replace(os.sep, "/"),
                                  FileStat(found_stat.st_mtime_ns, found_stat.st_size)))
        return sorted(found, key=_path_order)

    def delete(self, relpath: str) -> None:
        (self.root / relpath).unlink(missing_ok=True)

    def copy(self, source: str, target: str) -> bool:
        data = self.read_bytes(source)
        if data is None:
            return False
        self.write(target, data)
        return True

    def check(self) -> None:
        if self.root.exists() and not self.root.is_dir():
            raise StoreUnusable(f"{self.spec.uri}: not a folder")


class S3Store:
    """The archive under ``s3://bucket/prefix`` of any S3 API."""

    remote = True

    def __init__(self, spec: StoreSpec) -> None:
        try:
            import botocore.session
            from botocore.config import Config
        except ImportError:  # pragma: no cover - the [s3] extra is in the test extra
            raise StoreUnusable(f"{spec.uri}: the S3 store needs botocore (pip install 'archiver[s3]')") from None
        self.spec = spec
        bucket, _, prefix = spec.uri.partition("://")[2].partition("/")
        if not bucket:
            raise StoreUnusable(f"{spec.uri}: no bucket named (expected s3://bucket/prefix)")
        self.bucket = bucket
        self.prefix = prefix.strip("/")
        session = botocore.session.get_session()
        options: dict[str, Any] = {
            "endpoint_url": spec.endpoint_url or None,
            "region_name": spec.region_name or None,
            "aws_access_key_id": spec.access_key or None,
            "aws_secret_access_key": spec.secret_key or None,
            "aws_session_token": spec.session_token or None,
        }
        if spec.use_ssl is not None:
            options["use_ssl"] = spec.use_ssl
        if spec.verify is not None:
            options["verify"] = spec.verify
        # Connections enough for the image threads and the writer at once.
        self.client = session.create_client("s3", config=Config(max_pool_connections=32), **options)

    def local_root(self) -> Path | None:
        return None

    def _call(self, operation: str, *, missing_ok: bool = False, **params: Any) -> Any:
        """One S3 call. A missing key is None with ``missing_ok``; any other failure is
        an OSError, as a folder's would be, so callers handle both stores alike."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return getattr(self.client, operation)(Bucket=self.bucket, **params)
        except ClientError as error:
            code = str(error.response.get("Error", {}).get("Code", ""))
            if missing_ok and code in ("404", "NoSuchKey", "NotFound"):
                return None
            raise OSError(f"{self.spec.uri}: {operation} {params.get('Key', '')}: {error}") from error
        except BotoCoreError as error:
            raise OSError(f"{self.spec.uri}: {operation} {params.get('Key', '')}: {error}") from error

    def _key(self, relpath: str) -> str:
        return f"{self.prefix}/{relpath}" if self.prefix else relpath

    def read_bytes(self, relpath: str) -> bytes | None:
        response = self._call("get_object", missing_ok=True, Key=self._key(relpath))
        if response is None:
            return None
        body: bytes = response["Body"].read()
        return body

    def read_stamped(self, relpath: str) -> tuple[bytes, FileStat] | None:
        response = self._call("get_object", missing_ok=True, Key=self._key(relpath))
        if response is None:
            return None
        body: bytes = response["Body"].read()
        return body, FileStat(_ns(response["LastModified"]), int(response["ContentLength"]))

    def _head(self, relpath: str) -> dict[str, Any] | None:
        head: dict[str, Any] | None = self._call("head_object", missing_ok=True, Key=self._key(relpath))
        return head

    def _holds(self, relpath: str, size: int, md5: str) -> bool:
        """Whether the object already holds bytes of this size and MD5 (the ETag of a
        single PUT is the MD5 of its bytes), so unchanged re-runs upload nothing."""
        head = self._head(relpath)
        return head is not None and head.get("ContentLength") == size and head.get("ETag", "").strip('"') == md5

    def write(self, relpath: str, data: bytes | str, *, skip_same: bool = True) -> bool:
        payload = _payload(data)
        md5 = hashlib.md5(payload, usedforsecurity=False).hexdigest()
        if skip_same and self._holds(relpath, len(payload), md5):
            return False
        self._call("put_object", Key=self._key(relpath), Body=payload)
        return True

    def write_stream(self, relpath: str, chunks: Iterable[str]) -> bool:
        md5 = hashlib.md5(usedforsecurity=False)
        with tempfile.TemporaryFile() as spool:
            for chunk in chunks:
                data = chunk.encode("utf-8")
                md5.update(data)
                spool.write(data)
            size = spool.tell()
            if self._holds(relpath, size, md5.hexdigest()):
                return False
            spool.seek(0)
            self._call("put_object", Key=self._key(relpath), Body=spool)
        return True

    def stat(self, relpath: str) -> FileStat | None:
        head = self._head(relpath)
        if head is None:
            return None
        return FileStat(_ns(head["LastModified"]), int(head["ContentLength"]))

    def exists(self, relpath: str) -> bool:
        return self._head(relpath) is not None

    def list(self, prefix: str = "") -> list[tuple[str, FileStat]]:
        base = f"{self.prefix}/" if self.prefix else ""
        found: list[tuple[str, FileStat]] = []
        token: dict[str, Any] = {}
        while True:
            page = self._call("list_objects_v2", Prefix=base + prefix, **token)
            for entry in page.get("Contents", []):
                relpath = entry["Key"][len(base):]
                if _is_visible(relpath) and not relpath.endswith("/"):
                    found.append((relpath, FileStat(_ns(entry["LastModified"]), int(entry["Size"]))))
            if not page.get("IsTruncated"):
                break
            token = {"ContinuationToken": page["NextContinuationToken"]}
        return sorted(found, key=_path_order)

    def delete(self, relpath: str) -> None:
        self._call("delete_object", Key=self._key(relpath))

    def copy(self, source: str, target: str) -> bool:
        if not self.exists(source):
            return False
        self._call("copy_object", Key=self._key(target), CopySource={"Bucket": self.bucket, "Key": self._key(source)})
        return True

    def check(self) -> None:
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except NoCredentialsError:
            raise StoreUnusable(f"{self.spec.uri}: no S3 credentials (set AWS_ACCESS_KEY_ID and "
                                "AWS_SECRET_ACCESS_KEY, or the AWS environment variables)") from None
        except ClientError as error:
            code = str(error.response.get("Error", {}).get("Code", ""))
            what = {"404": "no such bucket", "NoSuchBucket": "no such bucket",
                    "403": "access denied (wrong credentials or no permission)"}.get(code, str(error))
            raise StoreUnusable(f"{self.spec.uri}: {what}") from None
        except BotoCoreError as error:  # endpoint unreachable, bad endpoint URL, ...
            raise StoreUnusable(f"{self.spec.uri}: {error}") from None


def _ns(moment: datetime) -> int:
    """An object's LastModified in nanoseconds, as a file's mtime. Whole seconds: a
    listing says milliseconds where HEAD and GET say seconds, and the stamps must agree.
    (The feed cache's 2 s "racy" window then assumes the store's clock is within a
    second of this machine's, as NTP keeps it.)"""
    return int(moment.timestamp()) * 1_000_000_000


def store_spec(uri: str | os.PathLike[str], settings: Any = None) -> StoreSpec:
    """The spec of the store at ``uri``; S3 options come from Scrapy's AWS_* ``settings``."""
    text = os.fspath(uri)
    spec = StoreSpec(text)
    if spec.is_local or settings is None:
        return spec
    values: dict[str, Any] = {field: settings.get(name) for field, name in _S3_SETTINGS.items()}
    if values["use_ssl"] is not None:
        values["use_ssl"] = settings.getbool("AWS_USE_SSL")
    if isinstance(values["verify"], str) and values["verify"].lower() in ("true", "false", "1", "0"):
        values["verify"] = settings.getbool("AWS_VERIFY")
    return StoreSpec(text, **{k: v for k, v in values.items() if v not in (None, "")})


def open_store(spec: StoreSpec | str | os.PathLike[str]) -> ArchiveStore:
    """The store for ``spec`` (a spec, a folder path or a URI); raises StoreUnusable for
    a scheme it does not know. Object stores are opened once per process (a client
    costs tens of milliseconds and holds a connection pool), folders every time."""
    if not isinstance(spec, StoreSpec):
        spec = StoreSpec(os.fspath(spec))
    if spec.is_local:
        return FolderStore(spec)
    return _open_object_store(spec)


@functools.lru_cache(maxsize=8)
def _open_object_store(spec: StoreSpec) -> ArchiveStore:
    if spec.scheme == "s3":
        return S3Store(spec)
    known = ", ".join(f"{scheme}://" for scheme in OBJECT_SCHEMES)
    raise StoreUnusable(f"{spec.uri}: unknown store (a folder or {known}; Google Cloud Storage through "
                        "its S3 interoperability endpoint, see docs/distributed.md)")


def open_checked_store(spec: StoreSpec | str | os.PathLike[str], setting: str) -> ArchiveStore:
    """The store, checked at start-up; StoreUnusable names ``setting``."""
    try:
        store = open_store(spec)
        store.check()
    except StoreUnusable as error:
        raise StoreUnusable(f"setting {setting}={error}") from None
    return store


def archive_spec(settings: Any) -> StoreSpec:
    """The archive's own store (``ARCHIVER_OUTPUT``)."""
    return store_spec(config.OUTPUT.get(settings), settings)


def images_spec(settings: Any) -> StoreSpec:
    """Where images go: ``IMAGES_STORE``, by default the archive's store."""
    return store_spec(settings.get("IMAGES_STORE") or config.OUTPUT.get(settings), settings)


def work_dir(settings: Any) -> Path:
    """The local folder of the state database, the feed-item cache and the lock:
    ``ARCHIVER_WORK_DIR``, else the archive folder. An object-store archive needs one."""
    explicit = config.WORK_DIR.get(settings)
    if explicit:
        return Path(explicit)
    spec = StoreSpec(config.OUTPUT.get(settings))
    if not spec.is_local:
        raise ConfigError(f"setting {config.OUTPUT}={spec.uri} is an object store: set {config.WORK_DIR} to a "
                          "local folder for the state database, the feed cache and the lock")
    assert spec.folder is not None
    return spec.folder


def relative_prefix(inner: StoreSpec, outer: StoreSpec) -> str:
    """Where ``inner`` sits inside ``outer`` as ``"sub/folder/"``; ``""`` when it is
    the same place or not inside it (IMAGES_STORE inside the archive, or elsewhere)."""
    if inner.folder is not None and outer.folder is not None:
        try:
            rel = inner.folder.resolve().relative_to(outer.folder.resolve()).as_posix()
        except ValueError:
            return ""
    else:
        inner_uri, outer_uri = inner.uri.rstrip("/"), outer.uri.rstrip("/")
        if not inner_uri.startswith(outer_uri + "/"):
            return ""
        rel = inner_uri[len(outer_uri) + 1:]
    return "" if rel in ("", ".") else rel.strip("/") + "/"
