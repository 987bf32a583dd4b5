"""Group the sources of a sources.yml into sites: the unit a fleet hands out (pure).

Two sources belong to the same site when their URLs share a host (transitively: a source
with feeds on hosts A and B joins every source on A and every source on B). A site is
crawled by one worker at a time, so per-host politeness (Scrapy's download slots are per
host) holds across the fleet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from archiver.sources.sources_file import SourceError, load_sources


def load_raw_sources(path: str | Path) -> list[dict[str, Any]]:
    """The enabled entries of a sources.yml as written, validated as a crawl would."""
    enabled = {source.name for source in load_sources(path)}  # raises SourceError, naming the problem
    document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    entries = document.get("sources") if isinstance(document, dict) else document
    return [dict(entry) for entry in entries or () if str(entry.get("name")).strip() in enabled]


def _hosts(entry: dict[str, Any]) -> list[str]:
    urls = entry.get("urls", entry.get("url"))
    if isinstance(urls, str):
        urls = [part.strip() for part in urls.split(",") if part.strip()]
    hosts = sorted({(urlsplit(str(url)).hostname or "").lower() for url in urls or []})
    if not hosts or "" in hosts:
        raise SourceError(f"source {entry.get('name')!r}: a URL without a host cannot be assigned to a site")
    return hosts


def group_by_site(entries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """site name -> its sources, in sources.yml order; the name is its hosts joined by ``+``."""
    parent: dict[str, str] = {}

    def find(host: str) -> str:
        parent.setdefault(host, host)
        while parent[host] != host:
            parent[host] = parent[parent[host]]
            host = parent[host]
        return host

    entry_hosts = [_hosts(entry) for entry in entries]
    for hosts in entry_hosts:
        for host in hosts[1:]:
            parent[find(host)] = find(hosts[0])
        find(hosts[0])
    members: dict[str, set[str]] = {}
    for host in parent:
        members.setdefault(find(host), set()).add(host)
    names = {root: "+".join(sorted(hosts)) for root, hosts in members.items()}
    sites: dict[str, list[dict[str, Any]]] = {}
    for entry, hosts in zip(entries, entry_hosts, strict=True):
        sites.setdefault(names[find(hosts[0])], []).append(entry)
    return dict(sorted(sites.items()))


def sources_yaml(entries: list[dict[str, Any]]) -> str:
    """A sources.yml holding exactly ``entries`` (what one job's crawl reads)."""
    return yaml.safe_dump({"sources": entries}, allow_unicode=True, sort_keys=False)
