"""What the worker pool's forkserver imports once (``process_pool.PRELOAD``), so that
every forked worker starts with it loaded.

After the imports the heap is frozen (``gc.freeze``): the tens of thousands of objects
that lxml, trafilatura and markdown-it leave behind at import are then never walked by a
worker's garbage collector (half of its collection time on article work), nor copied
into the worker by the collector touching them (fork shares those pages until written).
"""

import gc

import simplejpeg  # noqa: F401 - imported lazily by the image renderer (numpy with it)
from imagecodecs import png_decode  # noqa: F401 - the same (loads its libpng module)

import archiver.archive.render
import archiver.extract.article
import archiver.workers.jobs  # noqa: F401 - imported for the workers' sake

gc.freeze()
