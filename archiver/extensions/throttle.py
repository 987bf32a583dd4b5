"""AutoThrottle that learns from 304 Not Modified answers too.

Scrapy's AutoThrottle never lets a non-200 response lower a site's delay, because error
pages are small and fast and would speed the crawl up against a struggling server. A
304 is no error: it is the healthy, cheap answer to the conditional requests a
scheduled run is made of. Counting it keeps a re-run over unchanged sources from
crawling at the start delay, while the delay still never drops below what the
server's own latency asks for.
"""

from __future__ import annotations

from scrapy.core.downloader import Slot
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response


class NotModifiedAwareAutoThrottle(AutoThrottle):
    def _adjust_delay(self, slot: Slot, latency: float, response: Response) -> None:
        # Scrapy's own policy judges a 304 as it judges a 200 (its formula is not copied
        # here, so it stays Scrapy's when Scrapy changes it).
        if response.status == 304:
            response = response.replace(status=200)
        super()._adjust_delay(slot, latency, response)
