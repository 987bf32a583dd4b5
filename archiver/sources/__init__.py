"""Where articles come from (pure): the sources file, feeds, news sitemaps, listing pages, revisit policy."""
