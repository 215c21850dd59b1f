#!/usr/bin/env bash
# Reconciliation benchmark: COURSES runs (default 10,000) of one Open edX backend on the embedded
# H2 default (or, with DATABASE=postgresql, a throw-away PostgreSQL of its own), a fake Open edX
# (bench/fake_openedx.py) listing them over pages of 100, each listing with new start dates (every
# run to repair, every time).
#
# One steady webhook load runs from start to end (bench/WebhookLoad.java: WEBHOOK_CONNECTIONS
# senders, each pausing WEBHOOK_PAUSE_MS on average between requests; bodies for random runs of the
# reconciled backend), and every request's latency is kept. After WARMUP seconds and
# WARMUP_RECONCILIATIONS reconciliations (not measured: the JIT compiles the reconciliation's code
# there), ROUNDS rounds of BASELINE seconds alone, then one reconciliation started by hand.
# bench/reconcile_report.py then reports, per round and over all rounds together, the webhooks'
# p50/p99 alone and during the reconciliations and the ratio of the p99s (one p99 over a minute
# rests on a few dozen requests; over all rounds on a hundred or more); the reconciliations'
# durations and counts; the heap used after a full GC before and after each (the pages are
# streamed, not collected), the largest heap and the most busy database connections seen (every
# 2 s, from the actuator, alone and during alike), and the load average of the machine.
#   bash bench/reconcile.sh [COURSES]
#   DATABASE=postgresql bash bench/reconcile.sh [COURSES]
set -euo pipefail
cd "$(dirname "$0")/.."
COURSES="${1:-10000}"
ROUNDS="${ROUNDS:-3}"
BASELINE="${BASELINE:-60}"
WARMUP_RECONCILIATIONS="${WARMUP_RECONCILIATIONS:-1}"
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
now_ms() { date +%s%3N; }
heap() { jcmd "$APP" GC.run >/dev/null; sleep 1; curl -fs -u "$AUTH" "$APP_URL/actuator/metrics/jvm.memory.used?tag=area:heap"; }
# Every 2 s for the whole run (alone and during alike, so that watching costs both the same):
# heap used, busy and awaited pool connections, one line each in samples.txt.
sample() {
  while true; do
    for m in 'jvm.memory.used?tag=area:heap' hikaricp.connections.active hikaricp.connections.pending; do
      printf '%s %s %s\n' "$(now_ms)" "$m" \
        "$(curl -fs -u "$AUTH" "$APP_URL/actuator/metrics/$m" | sed -n 's/.*"value":\([-0-9.eE+]*\).*/\1/p')"
    done >> "$WORK/samples.txt"
    sleep 2
  done
}
# reconcile NAME: one reconciliation, started by hand and waited for; its report in NAME.json,
# its start and end (epoch ms) in windows.txt.
reconcile() {
  local start location report
  start=$(now_ms)
  location=$(curl -fs -u "$AUTH" -o /dev/null -w '%header{location}' -H 'Content-Type: application/json' \
    -d "{\"lms_backend\": \"http://127.0.0.1:$LMS_PORT\"}" "$APP_URL/api/admin/reconciliations")
  while true; do
    sleep 1
    report=$(curl -fs -u "$AUTH" "$APP_URL$location")
    case "$report" in *'"status":"running"'*) ;; *) break ;; esac
  done
  echo "$report" > "$WORK/$1.json"
  echo "$1 $start $(now_ms) $(cut -d' ' -f1 /proc/loadavg)" >> "$WORK/windows.txt"
}

echo "database: $DATABASE; date: $(date -u '+%Y-%m-%d %H:%M UTC'), load average: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "webhooks: $WEBHOOK_CONNECTIONS senders, mean pause ${WEBHOOK_PAUSE_MS} ms; warm-up ${WARMUP} s and" \
  "$WARMUP_RECONCILIATIONS reconciliation(s), then $ROUNDS rounds of ${BASELINE} s alone and one reconciliation"
java -Xmx128m bench/WebhookLoad.java "$SYNC_URL" "$WORK/webhooks.txt" "$WEBHOOK_CONNECTIONS" \
  "$WEBHOOK_PAUSE_MS" "$WORK/latencies.txt" &
LOAD=$!
PIDS+=($LOAD)
sample &
SAMPLER=$!
PIDS+=($SAMPLER)
sleep "$WARMUP"
for warm in $(seq 1 "$WARMUP_RECONCILIATIONS"); do reconcile "warmup-$warm"; sleep 2; done
for round in $(seq 1 "$ROUNDS"); do
  heap > "$WORK/heap-before-$round.json"
  sleep 2
  echo "alone-$round $(now_ms) $(sleep "$BASELINE"; now_ms) $(cut -d' ' -f1 /proc/loadavg)" >> "$WORK/windows.txt"
  reconcile "during-$round"
  sleep 2
  heap > "$WORK/heap-after-$round.json"
done
kill "$LOAD" "$SAMPLER" 2>/dev/null || true
sleep 2
python3 bench/reconcile_report.py "$WORK"
echo "outputs in $WORK"
