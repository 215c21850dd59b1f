#!/usr/bin/env bash
# coursesync benchmark: the service on PostgreSQL versus pgbench running the same SQL and versus a
# trivial HMAC+JSON endpoint, side by side. Loopback only; every load is bounded in time.
#   bench/run.sh            storm, spread (8/32/128 connections), pgbench (same SQL and naive), trivial,
#                           paced load at half the maximum, batches, a latency-versus-load plot
#   bench/run.sh h2         the same service workloads on the embedded H2 default
#   bench/run.sh soak N     N syncs (default 1000000), heap after GC every 10%
#   bench/run.sh profile    async-profiler (CPU) during the spread load, and its top frames
#   bench/run.sh catalog    the catalog read API over 100,000 published runs (first page, deep page, 304,
#                           one course) against the trivial endpoint; sync p99 while the catalog is loaded
# Environment: BENCH_DURATION (seconds per wrk/pgbench run, default 10), WARMUP (seconds, default 70), BENCH_CONNECTIONS
# (default "8 32 128"), BATCH_WARMUP (batches of 1,000 creations before the measured batches, default 15),
# JAVA_OPTS (default below), SERVICE_ARGS (more arguments for the service, e.g.
# --spring.datasource.hikari.maximum-pool-size=32); catalog mode: CATALOG_DURATION (seconds per wrk run,
# default 15), CATALOG_BATCHES (10,000 runs each, default 10), CATALOG_SEED (sql, default: the rows in SQL;
# sync: signed batches of 10,000, which take minutes each on a loaded machine).
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-pg}"
SOAK_SYNCS="${2:-1000000}"
DURATION="${BENCH_DURATION:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-8 32 128}"
JAVA_OPTS="${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC -XX:+AlwaysPreTouch}"
SECRET=bench-secret
# spring.datasource.hikari.maximum-pool-size (application.yml), unless SERVICE_ARGS sets it
SERVICE_POOL=$(echo "${SERVICE_ARGS:-}" | grep -oE 'maximum-pool-size=[0-9]+' | cut -d= -f2 || true)
SERVICE_POOL=${SERVICE_POOL:-10}
OUT="bench/results/$(date +%Y%m%d-%H%M%S)-$MODE"
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]:-}"; do kill "$pid" 2>/dev/null || true; done
  stop_postgres
}
trap cleanup EXIT
source bench/lib.sh

start_service() {
  local datasource=("$@")
  PORT=$(free_port)
  java $JAVA_OPTS "-Xlog:gc:file=$OUT/gc.log" -jar target/coursesync-*.jar --spring.profiles.active=bench --server.port="$PORT" \
    --coursesync.secrets="$SECRET" --coursesync.admin.password=bench-admin \
    --coursesync.lms-backends[0].base-url=https://bench.lms --coursesync.lms-backends[0].backend=openedx \
    '--coursesync.lms-backends[0].course-regex=^https://bench\.lms/courses/(?P<course_id>.+)/info$' \
    --coursesync.lms-backends[0].default-course-run-sync-mode=sync_to_public \
    --coursesync.catalogs.bench.subscription-keys[0]=bench-key \
    --logging.level.root=WARN "${datasource[@]}" ${SERVICE_ARGS:-} > "$OUT/service.log" 2>&1 &
  SERVICE_PID=$!
  PIDS+=("$SERVICE_PID")
  for _ in $(seq 1 ${START_TIMEOUT:-300}); do
    curl -fs "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$SERVICE_PID" 2>/dev/null || break
    sleep 1
  done
  echo "the service did not start; see $OUT/service.log" >&2
  exit 1
}

# wrk NAME URL FILE CONNECTIONS [PAUSE_MS [SECONDS [KIND]]]: one JSON line to stdout
wrk_json() {
  local name=$1 url=$2 file=$3 conns=$4 pause=${5:-0} seconds=${6:-$DURATION} kind=${7:-http} threads=2
  [ "$conns" -lt 2 ] && threads=1
  local out="$OUT/wrk-$name-$kind-$conns.txt"
  wrk -t"$threads" -c"$conns" -d"${seconds}s" --timeout 10s --latency -s bench/sync.lua "$url" -- "$file" "$pause" > "$out" 2>&1 || true
  python3 - "$out" "$name" "$conns" "$kind" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
def ms(label):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\b" % label, text, re.M)
    if not m: return None
    v = float(m.group(1)); return round(v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v, 2)
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(json.dumps({"kind": sys.argv[4], "name": sys.argv[2], "connections": int(sys.argv[3]),
                  "rps": float(rps.group(1)) if rps else 0.0, "p50": ms("50%"), "p99": ms("99%"),
                  "mean": ms("Latency"), "non2xx": int(errors.group(1)) if errors else 0}))
PY
}

run_wrk() {  # NAME URL FILE CONNECTIONS: a closed-loop load at full speed
  wrk_json "$@" >> "$RESULTS"
}

# Paced load of NAME at RATE requests/s over 32 connections, with random (exponential) pauses
# between a connection's requests: a 4 s calibration run measures the latency, then the mean
# pause is set so that 32 / (pause + latency) = RATE.
run_paced() {
  local name=$1 url=$2 rate=$3 conns=32
  local pause calibration
  pause=$(python3 -c "print(round(1000 * $conns / $rate, 2))")
  calibration=$(wrk_json "$name" "$url" "$OUT/spread.txt" $conns "$pause" 4 calibration)
  pause=$(python3 -c "import json; r = json.loads('$calibration'); print(max(0.0, round(2 * $pause - 1000 * $conns / max(r['rps'], 1), 2)))")
  wrk_json "$name" "$url" "$OUT/spread.txt" $conns "$pause" "$DURATION" half-load \
    | python3 -c "import json, sys; r = json.load(sys.stdin); r['target'] = $rate; r['pause_ms'] = $pause; print(json.dumps(r))" >> "$RESULTS"
}

run_pgbench() {
  local name=$1 script=$2 conns=$3
  "$PGBIN/pgbench" -h 127.0.0.1 -p "$PGPORT" -U postgres -n -M prepared -c "$conns" -j 2 -T "$DURATION" \
    -f "$script" -r coursesync > "$OUT/pgbench-$name-$conns.txt" 2>&1 || true
  python3 - "$OUT/pgbench-$name-$conns.txt" "$name" "$conns" >> "$RESULTS" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
tps = re.search(r"tps = ([\d.]+)", text)
lat = re.search(r"latency average = ([\d.]+) ms", text)
failed = re.search(r"number of failed transactions: (\d+)", text)
print(json.dumps({"kind": "pgbench", "name": "pgbench-" + sys.argv[2], "connections": int(sys.argv[3]),
                  "rps": float(tps.group(1)) if tps else 0.0, "p50": float(lat.group(1)) if lat else None,
                  "p99": None, "failed": int(failed.group(1)) if failed else None}))
PY
}

sign_post() {  # URL BODY_FILE SIG_FILE -> seconds
  curl -s -o /dev/null -w '%{time_total}' -X POST "$1" -H 'Content-Type: application/json' \
    -H "Authorization: $(cat "$3")" --data-binary @"$2"
}

memory() {
  jcmd "$SERVICE_PID" GC.run >/dev/null 2>&1 || true
  sleep 1
  local heap rss
  # Sum of "used" over the heap spaces (young + old), in KB.
  heap=$(jcmd "$SERVICE_PID" GC.heap_info 2>/dev/null | grep -E 'total [0-9]+K, used [0-9]+K' | grep -oE 'used [0-9]+K' | grep -oE '[0-9]+' | python3 -c 'import sys; print(sum(int(x) for x in sys.stdin.read().split()))' || echo 0)
  rss=$(grep VmRSS "/proc/$SERVICE_PID/status" | grep -oE '[0-9]+')
  echo "{\"kind\": \"memory\", \"heap_mb\": $((heap / 1024)), \"rss_mb\": $((rss / 1024))}"
}

# wrk GET with the catalog's subscription key (and an If-None-Match): one JSON line to stdout
wrk_get() {  # NAME URL CONNECTIONS SECONDS [ETAG]
  local name=$1 url=$2 conns=$3 seconds=$4 etag=${5:-}
  local out="$OUT/wrk-$name-get-$conns.txt" extra=()
  [ -n "$etag" ] && extra=(-H "If-None-Match: $etag")
  wrk -t2 -c"$conns" -d"${seconds}s" --timeout 10s --latency -H "Ocp-Apim-Subscription-Key: bench-key" \
    "${extra[@]}" "$url" > "$out" 2>&1 || true
  python3 bench/benchlib.py wrk-json "$out" "$name" "$conns" catalog
}

catalog_mode() {
  local seconds=${CATALOG_DURATION:-15} batches=${CATALOG_BATCHES:-10} base="http://127.0.0.1:$PORT/api/1.0/catalogs/bench/course-runs"
  if [ "${CATALOG_SEED:-sql}" = "sync" ]; then
    echo "catalog: $batches signed batches of 10,000 runs over 50 courses (sync_to_public)"
    for i in $(seq 0 $((batches - 1))); do
      python3 bench/benchlib.py catalog-batch 10000 "$SECRET" "$OUT/cb.json" "$OUT/cb.sig" $((i * 10000))
      echo "  batch $i: $(sign_post "$URL" "$OUT/cb.json" "$OUT/cb.sig") s"
    done
  else
    echo "catalog: $((batches * 10000)) runs over 50 courses, written in SQL (the rows the signed batches write)"
    python3 bench/benchlib.py catalog-seed-sql $((batches * 10000)) | psql_ -d coursesync
  fi
  local total
  total=$(curl -fs -o /dev/null -D - -H 'Ocp-Apim-Subscription-Key: bench-key' "$base?size=1" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-total-count"{print $2}')
  echo "catalog total: $total runs"
  echo "warming up for ${WARMUP:-30} s"
  local w=$(( ${WARMUP:-30} / 6 + 1 ))
  for u in "$base?size=100" "$base?page=900&size=100" "$base?course=C7"; do
    wrk -t2 -c16 -d${w}s --timeout 10s -H 'Ocp-Apim-Subscription-Key: bench-key' "$u" >/dev/null 2>&1 || true
  done
  wrk -t2 -c16 -d${w}s -s bench/sync.lua "http://127.0.0.1:$PORT/bench/trivial-sync" -- "$OUT/spread.txt" >/dev/null 2>&1 || true
  wrk -t2 -c16 -d${w}s -s bench/sync.lua "$URL" -- "$OUT/spread.txt" >/dev/null 2>&1 || true
  local c=32 etag
  # The tag after the warm-up (its syncs changed runs): a 304 from here on, as nothing is written.
  etag=$(curl -fs -o /dev/null -D - -H 'Ocp-Apim-Subscription-Key: bench-key' "$base?size=100" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
  wrk -t2 -c16 -d${w}s --timeout 10s -H 'Ocp-Apim-Subscription-Key: bench-key' -H "If-None-Match: $etag" "$base?size=100" >/dev/null 2>&1 || true
  wrk_get first-page "$base?size=100" $c "$seconds" >> "$RESULTS"
  wrk_get deep-page "$base?page=900&size=100" $c "$seconds" >> "$RESULTS"
  wrk_get revalidate-304 "$base?size=100" $c "$seconds" "$etag" >> "$RESULTS"
  wrk_get course-C7 "$base?course=C7" $c "$seconds" >> "$RESULTS"
  wrk_json trivial "http://127.0.0.1:$PORT/bench/trivial-sync" "$OUT/spread.txt" $c 0 "$seconds" >> "$RESULTS"
  wrk_json sync-alone "$URL" "$OUT/spread.txt" 4 0 "$seconds" >> "$RESULTS"
  for c in 32 128; do
    # The catalog under load (c/2 connections on the first page, c/2 on a deep page) while syncs
    # arrive on 4 connections.
    wrk_get "loaded-$c-first-page" "$base?size=100" $((c / 2)) "$seconds" > "$OUT/loaded-first-$c.json" &
    local a=$!
    wrk_get "loaded-$c-deep-page" "$base?page=500&size=100" $((c / 2)) "$seconds" > "$OUT/loaded-deep-$c.json" &
    local b=$!
    wrk_json "sync-under-catalog-$c" "$URL" "$OUT/spread.txt" 4 0 "$seconds" >> "$RESULTS"
    wait $a $b || true
    cat "$OUT/loaded-first-$c.json" "$OUT/loaded-deep-$c.json" >> "$RESULTS"
  done
  echo "machine: $(nproc) cores; catalog mode; ${seconds}s per run; JAVA_OPTS=$JAVA_OPTS" | tee "$OUT/machine.txt"
  python3 bench/benchlib.py catalog-report "$RESULTS" | tee "$OUT/report.txt"
  echo "raw outputs in $OUT"
}

install_tools
echo "building the jar"
./mvnw -q -B -Pbench -DskipTests -Dspring-javaformat.skip=true package
python3 bench/benchlib.py bodies storm 10000 "$SECRET" > "$OUT/storm.txt"
python3 bench/benchlib.py bodies spread 1000 "$SECRET" > "$OUT/spread.txt"
SYNC_PATH=/api/v1.0/course-runs-sync

if [ "$MODE" = "h2" ]; then
  # The options of the default URL (application.yml) on a throw-away file.
  start_service "--spring.datasource.url=jdbc:h2:file:$(pwd)/$OUT/h2db;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
  for i in $(seq 0 49); do curl -fs -u admin:bench-admin -X POST "http://127.0.0.1:$PORT/api/admin/courses" -H 'Content-Type: application/json' -d "{\"code\":\"C$i\",\"title\":\"Bench\"}" >/dev/null; done
  for i in $(seq 0 49); do curl -fs -u admin:bench-admin -X POST "http://127.0.0.1:$PORT/api/admin/courses/C$i/publish" >/dev/null; done
else
  start_postgres
  start_service "--spring.datasource.url=jdbc:postgresql://127.0.0.1:$PGPORT/coursesync" \
    --spring.datasource.username=postgres --spring.datasource.password=
  python3 bench/benchlib.py seed 50 | psql_ -d coursesync
fi
URL="http://127.0.0.1:$PORT$SYNC_PATH"
if [ "$MODE" != "catalog" ]; then
  # The spread's 1,000 runs (the storm's among them) exist before anything is measured, so that
  # every measured item is an update, as pgbench's are, however little the warm-up sends.
  python3 bench/benchlib.py batch 1000 "$SECRET" "$OUT/runs.json" "$OUT/runs.sig" 0
  sign_post "$URL" "$OUT/runs.json" "$OUT/runs.sig" >/dev/null
fi

if [ "$MODE" = "catalog" ]; then
  catalog_mode
  exit 0
fi

if [ "$MODE" = "soak" ]; then
  echo "soak: $SOAK_SYNCS syncs"
  step=$((SOAK_SYNCS / 10)); sent=0
  while [ $sent -lt "$SOAK_SYNCS" ]; do
    wrk -t2 -c32 -d3600s --timeout 10s -s bench/sync.lua "$URL" -- "$OUT/spread.txt" > "$OUT/soak-wrk.txt" 2>&1 &
    WRK=$!
    target=$((sent + step))
    while :; do
      # Items synced so far (the history's pages carry no total).
      count=$(curl -fs -u admin:bench-admin "http://127.0.0.1:$PORT/actuator/prometheus" | python3 -c 'import sys; print(int(sum(float(l.split()[-1]) for l in sys.stdin if l.startswith("coursesync_sync_items_total"))))')
      [ "$count" -ge "$target" ] && break
      sleep 2
    done
    kill $WRK 2>/dev/null || true; wait $WRK 2>/dev/null || true
    sent=$count
    m=$(memory)
    echo "$m" | python3 -c "import json,sys; d=json.load(sys.stdin); d['kind']='soak'; d['syncs']=$sent; print(json.dumps(d))" | tee -a "$RESULTS"
  done
  python3 bench/benchlib.py report "$RESULTS"
  exit 0
fi

# The JIT keeps one core busy for about a minute of load (measured with jstat -compiler):
# measure after that.
echo "warming up for ${WARMUP:-70} s (JIT compilation, connection pool, prepared statements)"
w=${WARMUP:-70}
wrk -t2 -c16 -d$((w * 4 / 7))s -s bench/sync.lua "$URL" -- "$OUT/spread.txt" >/dev/null 2>&1 || true
wrk -t2 -c16 -d$((w * 2 / 7))s -s bench/sync.lua "$URL" -- "$OUT/storm.txt" >/dev/null 2>&1 || true
wrk -t2 -c16 -d$((w / 7))s -s bench/sync.lua "http://127.0.0.1:$PORT/bench/trivial-sync" -- "$OUT/spread.txt" >/dev/null 2>&1 || true

if [ "$MODE" = "profile" ]; then
  # async-profiler from Maven Central (tools.profiler:async-profiler), loaded into the running JVM.
  AP_VERSION=4.2
  AP_LIB="bench/.tools/async-profiler-$AP_VERSION/linux-x64/libasyncProfiler.so"
  if [ ! -f "$AP_LIB" ]; then
    mkdir -p "bench/.tools/async-profiler-$AP_VERSION"
    curl -fsSL -o "bench/.tools/ap.jar" "https://repo.maven.apache.org/maven2/tools/profiler/async-profiler/$AP_VERSION/async-profiler-$AP_VERSION-linux-x64.jar"
    (cd "bench/.tools/async-profiler-$AP_VERSION" && unzip -q -o ../ap.jar)
  fi
  AP_LIB="$(pwd)/$AP_LIB"
  echo "profiling (async-profiler, cpu via itimer) during $DURATION s of spread at 32 connections"
  # One jcmd argument, the agent's options in quotes (jcmd would read "event=..." as its own).
  jcmd "$SERVICE_PID" "JVMTI.agent_load $AP_LIB \"start,event=itimer,interval=1ms\"" >/dev/null
  run_wrk spread "$URL" "$OUT/spread.txt" 32
  jcmd "$SERVICE_PID" "JVMTI.agent_load $AP_LIB \"stop,file=$(pwd)/$OUT/profile.collapsed,collapsed\"" >/dev/null
  python3 bench/benchlib.py report "$RESULTS"
  python3 bench/benchlib.py profile "$OUT/profile.collapsed" | tee "$OUT/profile.txt"
  exit 0
fi

if [ "$MODE" != "h2" ]; then
  echo "capturing the SQL of one update item from the PostgreSQL log"
  psql_ -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 1
  : > "$PGDATA_DIR/server.log"
  head -1 "$OUT/storm.txt" | { IFS=$'\t' read -r sig body; curl -fs -X POST "$URL" -H 'Content-Type: application/json' -H "Authorization: SIG-HMAC-SHA256 $sig" --data-binary "$body" >/dev/null; }
  sed -n 2p "$OUT/storm.txt" | { IFS=$'\t' read -r sig body; curl -fs -X POST "$URL" -H 'Content-Type: application/json' -H "Authorization: SIG-HMAC-SHA256 $sig" --data-binary "$body" >/dev/null; }
  sleep 1
  psql_ -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
  cp "$PGDATA_DIR/server.log" "$OUT/captured.log"
  python3 bench/benchlib.py pgbench-scripts "$OUT/captured.log" "$OUT"
  echo "SQL per update item (captured):"; sed 's/^/  /' "$OUT/captured.sql"
fi

for c in $CONNECTIONS; do
  echo "connections: $c"
  run_wrk storm "$URL" "$OUT/storm.txt" "$c"
  run_wrk spread "$URL" "$OUT/spread.txt" "$c"
  run_wrk trivial "http://127.0.0.1:$PORT/bench/trivial-sync" "$OUT/spread.txt" "$c"
  if [ "$MODE" != "h2" ]; then
    for script in storm.same storm.naive spread.same spread.naive; do
      kind=${script%.*}; variant=${script#*.}
      run_pgbench "$variant-$kind" "$OUT/$script.pgbench.sql" "$c"
    done
  fi
done

if echo " $CONNECTIONS " | grep -q " 32 "; then
  half=$(python3 -c "
import json
rows = [json.loads(l) for l in open('$RESULTS') if l.strip()]
print(round(next(r['rps'] for r in rows if r.get('name') == 'spread' and r.get('connections') == 32) / 2))")
  echo "paced load at half the maximum spread throughput: $half requests/s"
  run_paced spread "$URL" "$half"
  run_paced trivial "http://127.0.0.1:$PORT/bench/trivial-sync" "$half"
  if [ "$MODE" != "h2" ]; then
    # The database alone at the same rate: pgbench's rate limit, per-transaction latencies, over
    # as many connections as the service's pool has (it never runs more statements at once), after
    # pgbench's own first 2 seconds (its connections start then, and the schedule lag of that
    # start-up would count as latency).
    "$PGBIN/pgbench" -h 127.0.0.1 -p "$PGPORT" -U postgres -n -M prepared -c "$SERVICE_POOL" -j 2 -T $((DURATION + 2)) -R "$half" \
      -f "$OUT/spread.same.pgbench.sql" --log --log-prefix="$OUT/paced-pgbench" coursesync > "$OUT/pgbench-paced.txt" 2>&1 || true
    cat "$OUT"/paced-pgbench.* 2>/dev/null | python3 -c "
import json, sys
rows = [line.split() for line in sys.stdin if line.strip()]
start = min(int(r[4]) + int(r[5]) / 1e6 for r in rows) if rows else 0
lat = sorted(int(r[2]) / 1000.0 for r in rows if int(r[4]) + int(r[5]) / 1e6 - start >= 2)
pick = lambda q: round(lat[min(len(lat) - 1, int(q * len(lat)))], 2) if lat else None
print(json.dumps({'kind': 'half-load', 'name': 'pgbench', 'connections': $SERVICE_POOL, 'target': $half,
                  'rps': len(lat) / float($DURATION), 'p50': pick(0.5), 'p99': pick(0.99)}))" >> "$RESULTS"
  fi
fi

echo "batches"
offset=100000
# The warm-up ran updates; creations (the batches' path) get their JIT warm-up here, so that
# the first measured batch does not pay for it.
for i in $(seq 1 "${BATCH_WARMUP:-15}"); do
  python3 bench/benchlib.py batch 1000 "$SECRET" "$OUT/b.json" "$OUT/b.sig" "$offset"; offset=$((offset + 1000))
  sign_post "$URL" "$OUT/b.json" "$OUT/b.sig" >/dev/null
done
for size in 1 100 1000 10000; do
  python3 bench/benchlib.py batch "$size" "$SECRET" "$OUT/batch-$size.json" "$OUT/batch-$size.sig" "$offset"
  offset=$((offset + size))
  seconds=$(sign_post "$URL" "$OUT/batch-$size.json" "$OUT/batch-$size.sig")
  echo "{\"kind\": \"batch\", \"name\": \"batch-$size\", \"items\": $size, \"seconds\": $seconds}" >> "$RESULTS"
done
ten=0
for i in $(seq 1 10); do
  python3 bench/benchlib.py batch 1000 "$SECRET" "$OUT/b.json" "$OUT/b.sig" "$offset"; offset=$((offset + 1000))
  ten=$(python3 -c "print($ten + $(sign_post "$URL" "$OUT/b.json" "$OUT/b.sig"))")
done
echo "{\"kind\": \"batch\", \"name\": \"10x1000\", \"items\": 10000, \"seconds\": $ten}" >> "$RESULTS"
memory >> "$RESULTS"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; mode $MODE; ${DURATION}s per run; JAVA_OPTS=$JAVA_OPTS" | tee "$OUT/machine.txt"
python3 bench/benchlib.py report "$RESULTS" | tee "$OUT/report.txt"
python3 bench/benchlib.py plot "$RESULTS" "$OUT/latency.svg"
echo "raw outputs in $OUT; latency-versus-load plot: $OUT/latency.svg"
