"""End to end, in subprocesses: `scrapy crawl` and the other commands, Hugo, a browser, PostgreSQL (marked e2e)."""
