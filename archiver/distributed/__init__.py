"""Many machines archiving one archive: whole sites handed out by a task engine.

The unit of work is "archive these sources in run R", one job per *site* (every source
whose URLs share a host goes into the same job), so Scrapy's per-host politeness holds
across the fleet. Each job runs the ordinary ``scrapy crawl`` in a subprocess, with the
state in PostgreSQL (:mod:`archiver.archive.state_backends.postgres`) and the posts in a shared
folder.

The task engine is procrastinate (PostgreSQL only): the server that holds the state also
holds the queue, the per-site locks, the periodic schedule and the workers' heartbeats,
so a fleet runs one service. Why not Celery, and how each required behaviour is met:
``docs/distributed.md``.

* :mod:`.sites`: sources.yml -> sites (pure);
* :mod:`.runs`: the ``fleet_runs`` / ``fleet_sites`` tables: start a run, claim and finish a
  site, the report (psycopg, no Scrapy);
* :mod:`.engine`: the procrastinate app, its tasks and the worker loop;
* :mod:`.command`: what the ``fleet-run`` and ``fleet-worker`` commands share (Scrapy).
"""
