"""robots.txt obeyed for every request, including those that arrive while it loads.

Scrapy 2.19's RobotsTxtMiddleware makes every request that arrives while a site's
robots.txt is still downloading await one shared Deferred through ``asFuture()``, whose
callback returns None: the first waiter gets the parser, every other one gets None and
is let through unchecked. An archiver starts many requests to one site at once (feeds,
pages, images), so that window matters. Each waiter gets its own Deferred here.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class WaitingSafeRobotsTxtMiddleware(RobotsTxtMiddleware):
    async def robot_parser(self, request: Request) -> Any:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if isinstance(pending, Deferred):
            mine: Deferred[Any] = Deferred()

            def relay(result: Any) -> Any:
                mine.callback(result)
                return result  # pass it on to the next waiter unchanged

            pending.addBoth(relay)
            return await maybe_deferred_to_future(mine)
        return await super().robot_parser(request)
