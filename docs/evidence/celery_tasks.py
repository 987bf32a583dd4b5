"""The task of docs/evidence/celery_redis.sh: a stand-in crawl that logs when it starts and ends."""

import os
import time

from celery import Celery

EVENTS = os.environ.get("EVENTS", "/tmp/celery-evidence/events.log")
app = Celery("celery_tasks", broker=os.environ["BROKER"])
# The settings Celery's docs give for "run again if the worker dies".
app.conf.update(task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
                broker_transport_options={"visibility_timeout": float(os.environ.get("VT", "3600"))})


@app.task
def crawl(site: str, seconds: float) -> None:
    with open(EVENTS, "a") as log:
        log.write(f"{time.time():.1f} start {site} {os.environ.get('WNAME')}\n")
    time.sleep(seconds)
    with open(EVENTS, "a") as log:
        log.write(f"{time.time():.1f} end {site} {os.environ.get('WNAME')}\n")
