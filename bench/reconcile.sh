#!/usr/bin/env bash
# Reconciliation benchmark: COURSES runs (default 10,000) of one Open edX backend on the embedded
# H2 default, a fake Open edX (bench/fake_openedx.py) listing them over pages of 100 with new
# start dates; one reconciliation by hand. Reports its duration, the runs repaired and the heap
# used after a full GC before and after it (the pages are streamed, not collected).
#   bash bench/reconcile.sh [COURSES]
set -euo pipefail
cd "$(dirname "$0")/.."
COURSES="${1:-10000}"
SECRET=bench-secret
PASSWORD=bench-admin
WORK=$(mktemp -d /tmp/coursesync-reconcile.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]:-}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

[ -f target/coursesync-0.1.0-SNAPSHOT.jar ] || ./mvnw -q -DskipTests package
LMS_PORT=$(free_port)
APP_PORT=$(free_port)
python3 bench/fake_openedx.py "$LMS_PORT" "$COURSES" &
PIDS+=($!)
B=--coursesync.lms-backends[0]
java -Xms256m -Xmx256m -jar target/coursesync-0.1.0-SNAPSHOT.jar --server.port="$APP_PORT" \
  "--spring.datasource.url=jdbc:h2:file:$WORK/db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  --coursesync.secrets[0]=$SECRET --coursesync.admin.password=$PASSWORD \
  "$B.base-url=http://127.0.0.1:$LMS_PORT" "$B.backend=openedx" \
  "$B.course-regex=^http://127\.0\.0\.1:$LMS_PORT/courses/(?P<course_id>.+)/(course|info)/?\$" \
  "$B.default-course-run-sync-mode=sync_to_draft" \
  "$B.reconciliation.client-id=bench" "$B.reconciliation.client-secret=bench-secret-value" \
  "$B.reconciliation.username=bench_worker" > "$WORK/app.log" 2>&1 &
APP=$!
PIDS+=($APP)
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$APP_PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
AUTH="admin:$PASSWORD"
curl -fs -u "$AUTH" -H 'Content-Type: application/json' -d '{"code":"BENCH","title":"Bench"}' \
  "http://127.0.0.1:$APP_PORT/api/admin/courses" >/dev/null
python3 - "$APP_PORT" "$LMS_PORT" "$COURSES" "$SECRET" <<'PY'
import hashlib, hmac, json, sys, urllib.request
app, lms, courses, secret = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
for first in range(0, courses, 1000):
    items = [{"resource_link": "http://127.0.0.1:%s/courses/course-v1:edX+BENCH+R%d/info" % (lms, i),
              "start": "2030-01-01T00:00:00Z", "enrollment_start": "2029-12-01T00:00:00Z",
              "languages": ["en"], "enrollment_count": 0, "catalog_visibility": "course_and_search"}
             for i in range(first, min(courses, first + 1000))]
    body = json.dumps(items).encode()
    sig = "SIG-HMAC-SHA256 " + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    req = urllib.request.Request("http://127.0.0.1:%s/api/v1.0/course-runs-sync" % app, data=body,
                                 headers={"Content-Type": "application/json", "Authorization": sig})
    urllib.request.urlopen(req, timeout=600).read()
PY
heap() { jcmd "$APP" GC.run >/dev/null; sleep 1; jcmd "$APP" GC.heap_info | awk '/used/ {print; exit}'; }
echo "heap before: $(heap)"
START=$(date +%s.%N)
LOCATION=$(curl -fs -u "$AUTH" -o /dev/null -w '%header{location}' -H 'Content-Type: application/json' \
  -d "{\"lms_backend\": \"http://127.0.0.1:$LMS_PORT\"}" "http://127.0.0.1:$APP_PORT/api/admin/reconciliations")
PEAK=0
while true; do
  REPORT=$(curl -fs -u "$AUTH" "http://127.0.0.1:$APP_PORT$LOCATION")
  case "$REPORT" in *'"status":"running"'*) ;; *) break ;; esac
  USED=$(jcmd "$APP" GC.heap_info | awk '/used/ {for (i=1;i<=NF;i++) if ($i=="used") print $(i+1); exit}' | tr -dc 0-9)
  [ "${USED:-0}" -gt "$PEAK" ] && PEAK=$USED
  sleep 0.5
done
END=$(date +%s.%N)
echo "heap after: $(heap)"
echo "peak heap used while it ran (before GC): ${PEAK}K"
echo "wall time: $(python3 -c "print(round($END - $START, 1))") s"
echo "$REPORT" | python3 -c 'import json,sys; r=json.load(sys.stdin); print({k: r[k] for k in ("status","courses_seen","runs_updated","runs_unchanged","started_at","finished_at","error")})'
