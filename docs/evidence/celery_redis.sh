#!/bin/bash
# Evidence for docs/distributed.md: Celery 5.7 + Redis 7 broker on 127.0.0.1, configured as
# Celery's docs advise for re-running a dead worker's task (acks_late, reject_on_worker_lost,
# prefetch 1). What happens to a site's task when its worker is SIGKILLed, and when a crawl
# outlives the broker's visibility timeout?
#   apt-get install -y redis-server; python3 -m venv /tmp/celery-venv
#   /tmp/celery-venv/bin/pip install 'celery[redis]'; VENV=/tmp/celery-venv bash docs/evidence/celery_redis.sh
set -u
cd "$(dirname "$0")"
WORK=/tmp/celery-evidence; mkdir -p $WORK; export EVENTS=$WORK/events.log; rm -f $EVENTS
redis-server --port 6399 --bind 127.0.0.1 --save "" --daemonize yes --logfile $WORK/redis.log
sleep 0.5
export BROKER=redis://127.0.0.1:6399/0
V=${VENV:-/tmp/celery-venv}/bin
worker() { WNAME=$1 VT=$2 setsid $V/celery -A celery_tasks worker -c 1 -n $1@%h -l WARNING > $WORK/$1.log 2>&1 & echo $!; }
state() { $V/python -c "import redis; r=redis.Redis(port=6399); print('  redis: unacked', r.hlen('unacked'), 'queued', r.llen('celery'))"; }

echo "== A: visibility_timeout 3600 s (default); w1 SIGKILLed mid-task; then w2 starts =="
W1=$(worker w1 3600); sleep 6
VT=3600 $V/python -c "import celery_tasks; celery_tasks.crawl.delay('site-a', 15)"
sleep 4; cat $EVENTS
kill -KILL -- -$W1; echo "  w1 killed"; state
W2=$(worker w2 3600); sleep 40
echo "  40 s later:"; cat $EVENTS; state
kill -TERM -- -$W2; sleep 3; rm -f $EVENTS
redis-cli -p 6399 flushall >/dev/null

echo "== A2: visibility_timeout 20 s; w1 SIGKILLed mid-task; w2 started 3 s later =="
W1=$(worker w1 20); sleep 6
VT=20 $V/python -c "import celery_tasks; celery_tasks.crawl.delay('site-a2', 10)"
sleep 3; kill -KILL -- -$W1; echo "  w1 killed"
W2=$(worker w2 20); sleep 60
echo "  60 s later:"; cat $EVENTS; state
kill -TERM -- -$W2; sleep 3; rm -f $EVENTS
redis-cli -p 6399 flushall >/dev/null

echo "== B: visibility_timeout 10 s, a crawl lasting 40 s on live w1; w2 starts at 15 s =="
W1=$(worker w1 10); sleep 6
VT=10 $V/python -c "import celery_tasks; celery_tasks.crawl.delay('site-b', 40)"
sleep 15; W2=$(worker w2 10); sleep 40
cat $EVENTS; state
kill -TERM -- -$W1; kill -TERM -- -$W2; sleep 2
redis-cli -p 6399 shutdown nosave >/dev/null 2>&1
