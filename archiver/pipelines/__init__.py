"""Item pipelines, in the order they run (see ITEM_PIPELINES in archiver/settings.py):
validate (100) -> normalize (300) -> images (400) -> markdown writer (500)."""
