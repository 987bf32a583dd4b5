"""Scrapy components in-process: a callback fed a response, a pipeline fed an item, built from a crawler."""
