#!/usr/bin/env bash
# Reconciliation benchmark: COURSES runs (default 10,000) of one Open edX backend on the embedded
# H2 default (or, with DATABASE=postgresql, a throw-away PostgreSQL of its own), a fake Open edX (bench/fake_openedx.py) listing them over pages of 100, each listing
# with new start dates (every run to repair, every time).
#
# It measures webhooks synced at a modest, steady rate (wrk with bench/sync.lua: WEBHOOK_CONNECTIONS
# connections, each pausing WEBHOOK_PAUSE_MS on average between requests; bodies for random runs of
# the reconciled backend) alone and while a reconciliation runs, for ROUNDS rounds: BASELINE seconds
# alone, then one reconciliation (started by hand) with the same load until it ends. Reports, per
# round, the webhooks' p50/p99 alone and during it and the ratio of the p99s; the reconciliation's
# duration, runs repaired and skipped; the heap used after a full GC before and after (the pages are
# streamed, not collected), the largest heap and the most busy database connections seen (every
# second, from the actuator), and the load average of the machine.
#   bash bench/reconcile.sh [COURSES]
#   DATABASE=postgresql bash bench/reconcile.sh [COURSES]
set -euo pipefail
cd "$(dirname "$0")/.."
COURSES="${1:-10000}"
ROUNDS="${ROUNDS:-2}"
BASELINE="${BASELINE:-30}"
WARMUP="${WARMUP:-30}"
WEBHOOK_CONNECTIONS="${WEBHOOK_CONNECTIONS:-4}"
WEBHOOK_PAUSE_MS="${WEBHOOK_PAUSE_MS:-100}"
SECRET=bench-secret
PASSWORD=bench-admin
WORK=$(mktemp -d /tmp/coursesync-reconcile.XXXXXX)
DATABASE="${DATABASE:-h2}"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do kill "$pid" 2>/dev/null || true; done
  stop_postgres
}
trap cleanup EXIT
source bench/lib.sh
install_tools

JAR="${JAR:-target/coursesync-0.1.0-SNAPSHOT.jar}"
[ -f "$JAR" ] || ./mvnw -q -DskipTests package
LMS_PORT=$(free_port)
APP_PORT=$(free_port)
python3 bench/fake_openedx.py "$LMS_PORT" "$COURSES" &
PIDS+=($!)
if [ "$DATABASE" = "postgresql" ]; then
  start_postgres
  DATASOURCE=("--spring.datasource.url=jdbc:postgresql://127.0.0.1:$PGPORT/coursesync"
    --spring.datasource.username=postgres --spring.datasource.password=)
else
  DATASOURCE=("--spring.datasource.url=jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")
fi
B=--coursesync.lms-backends[0]
java -Xms256m -Xmx256m -jar "$JAR" --server.port="$APP_PORT" "${DATASOURCE[@]}" \
  --coursesync.secrets[0]=$SECRET --coursesync.admin.password=$PASSWORD \
  "$B.base-url=http://127.0.0.1:$LMS_PORT" "$B.backend=openedx" \
  "$B.course-regex=^http://127\.0\.0\.1:$LMS_PORT/courses/(?P<course_id>.+)/(course|info)/?\$" \
  "$B.default-course-run-sync-mode=sync_to_draft" \
  "$B.reconciliation.client-id=bench" "$B.reconciliation.client-secret=bench-secret-value" \
  "$B.reconciliation.username=bench_worker" > "$WORK/app.log" 2>&1 &
APP=$!
PIDS+=($APP)
for _ in $(seq 1 1200); do curl -fs "http://127.0.0.1:$APP_PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
AUTH="admin:$PASSWORD"
APP_URL="http://127.0.0.1:$APP_PORT"
curl -fs -u "$AUTH" -H 'Content-Type: application/json' -d '{"code":"BENCH","title":"Bench"}' \
  "$APP_URL/api/admin/courses" >/dev/null
python3 - "$APP_PORT" "$LMS_PORT" "$COURSES" "$SECRET" "$WORK/webhooks.txt" <<'PY'
import hashlib, hmac, json, random, sys, urllib.request
app, lms, courses, secret, bodies = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
link = "http://127.0.0.1:%s/courses/course-v1:edX+BENCH+R%%d/info" % lms
def sign(body):
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
for first in range(0, courses, 1000):
    items = [{"resource_link": link % i,
              "start": "2030-01-01T00:00:00Z", "enrollment_start": "2029-12-01T00:00:00Z",
              "languages": ["en"], "enrollment_count": 0, "catalog_visibility": "course_and_search"}
             for i in range(first, min(courses, first + 1000))]
    body = json.dumps(items).encode()
    req = urllib.request.Request("http://127.0.0.1:%s/api/v1.0/course-runs-sync" % app, data=body,
                                 headers={"Content-Type": "application/json",
                                          "Authorization": "SIG-HMAC-SHA256 " + sign(body)})
    urllib.request.urlopen(req, timeout=600).read()
# The webhooks of the load: runs of the reconciled backend at random, enrollments rising.
rng = random.Random(7)
with open(bodies, "w") as out:
    for n in range(5000):
        body = json.dumps({"resource_link": link % rng.randrange(courses), "start": "2030-01-01T00:00:00Z",
                           "end": None, "enrollment_start": "2029-12-01T00:00:00Z", "enrollment_end": None,
                           "languages": ["en"], "enrollment_count": n + 1,
                           "catalog_visibility": "course_and_search"})
        out.write("%s\t%s\n" % (sign(body.encode()), body))
PY
SYNC_URL="$APP_URL/api/v1.0/course-runs-sync"
# webhooks SECONDS OUT: the steady webhook load for SECONDS (wrk stops early, with its figures,
# on SIGINT)
webhooks() {
  wrk -t2 -c"$WEBHOOK_CONNECTIONS" -d"$1s" --timeout 10s --latency -s bench/sync.lua "$SYNC_URL" \
    -- "$WORK/webhooks.txt" "$WEBHOOK_PAUSE_MS" > "$2" 2>&1
}
# summary FILE: "p50 p99 req/s" of a wrk output, in ms
summary() {
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*%s%%\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print("%.1f %.1f %.1f %s" % (ms("50"), ms("99"), float(rps.group(1)) if rps else 0.0,
                             non2xx.group(1) if non2xx else "0"))
PY
}
metric() {
  curl -fs -u "$AUTH" "$APP_URL/actuator/metrics/$1" \
    | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["measurements"][0]["value"]))'
}
heap() { jcmd "$APP" GC.run >/dev/null; sleep 1; metric 'jvm.memory.used?tag=area:heap'; }

echo "database: $DATABASE; date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "webhooks: $WEBHOOK_CONNECTIONS connections, mean pause ${WEBHOOK_PAUSE_MS} ms; warm-up ${WARMUP} s"
webhooks "$WARMUP" "$WORK/warmup.txt" || true
for round in $(seq 1 "$ROUNDS"); do
  webhooks "$BASELINE" "$WORK/alone-$round.txt" || true
  read -r A50 A99 ARPS ANON <<< "$(summary "$WORK/alone-$round.txt")"
  HEAP_BEFORE=$(heap)
  LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
  # wrk itself in the background (not a function's subshell), so that SIGINT reaches it.
  wrk -t2 -c"$WEBHOOK_CONNECTIONS" -d3600s --timeout 10s --latency -s bench/sync.lua "$SYNC_URL" \
    -- "$WORK/webhooks.txt" "$WEBHOOK_PAUSE_MS" > "$WORK/during-$round.txt" 2>&1 &
  WRK=$!
  sleep 1
  START=$(date +%s.%N)
  LOCATION=$(curl -fs -u "$AUTH" -o /dev/null -w '%header{location}' -H 'Content-Type: application/json' \
    -d "{\"lms_backend\": \"http://127.0.0.1:$LMS_PORT\"}" "$APP_URL/api/admin/reconciliations")
  PEAK=0
  POOL=0
  PENDING=0
  while true; do
    REPORT=$(curl -fs -u "$AUTH" "$APP_URL$LOCATION")
    case "$REPORT" in *'"status":"running"'*) ;; *) break ;; esac
    USED=$(metric 'jvm.memory.used?tag=area:heap')
    ACTIVE=$(metric hikaricp.connections.active)
    WAITING=$(metric hikaricp.connections.pending)
    [ "$USED" -gt "$PEAK" ] && PEAK=$USED
    [ "$ACTIVE" -gt "$POOL" ] && POOL=$ACTIVE
    [ "$WAITING" -gt "$PENDING" ] && PENDING=$WAITING
    sleep 1
  done
  END=$(date +%s.%N)
  kill -INT "$WRK" 2>/dev/null || true
  wait "$WRK" || true
  LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
  read -r D50 D99 DRPS DNON <<< "$(summary "$WORK/during-$round.txt")"
  HEAP_AFTER=$(heap)
  python3 - "$REPORT" <<PY
import json, sys
r = json.loads(sys.argv[1])
mb = lambda b: round(int(b) / 1048576, 1)
print("round $round: reconciliation %s in %.1f s: courses %d, runs repaired %d, unchanged %d, skipped newer %d%s"
      % (r["status"], $END - $START, r["courses_seen"], r["runs_updated"], r["runs_unchanged"],
         r["runs_skipped_newer"], (", error: " + r["error"]) if r["error"] else ""))
print("  webhooks alone:  p50 $A50 ms, p99 $A99 ms, $ARPS req/s, non-2xx $ANON")
print("  webhooks during: p50 $D50 ms, p99 $D99 ms, $DRPS req/s, non-2xx $DNON")
print("  p99 during / alone: %.2f" % (float("$D99") / float("$A99")))
print("  heap after a full GC: %s MB before, %s MB after; largest heap seen while it ran: %s MB"
      % (mb($HEAP_BEFORE), mb($HEAP_AFTER), mb($PEAK)))
print("  database connections busy at most: $POOL of 10 (threads waiting for one at most: $PENDING);"
      " load average $LOAD_BEFORE before, $LOAD_AFTER after")
PY
done
echo "outputs in $WORK"
