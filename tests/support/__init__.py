"""What the tests share: the local HTTP server, the crawl runner, the portal fixture site, PostgreSQL."""
