#!/usr/bin/env python3
"""Helpers of bench/run.sh: signed bodies, seed SQL, pgbench scripts from captured SQL, the report."""
import hashlib
import hmac
import json
import re
import sys

LMS = "https://bench.lms"


def link(course, run):
    return "%s/courses/course-v1:Bench+C%d+R%d/info" % (LMS, course, run)


def payload(course, run, count):
    # The same fields, order and formatting as the Open edX client (json.dumps defaults).
    return json.dumps({"resource_link": link(course, run), "start": "2030-01-01T00:00:00+00:00", "end": None,
                       "enrollment_start": "2029-12-01T00:00:00+00:00", "enrollment_end": None,
                       "languages": ["en"], "enrollment_count": count, "catalog_visibility": "both"})


def sign(secret, body):
    return hmac.new(secret.encode(), body.encode(), hashlib.sha256).hexdigest()


def bodies(kind, count, secret, courses=50):
    out = []
    for i in range(count):
        if kind == "storm":
            body = payload(0, 0, i + 1)
        else:
            body = payload(i % courses, i, 1 + i % 7)
        out.append("%s\t%s" % (sign(secret, body), body))
    print("\n".join(out))


def batch(size, secret, path_body, path_sig, offset):
    body = "[" + ", ".join(payload(i % 50, offset + i, 1) for i in range(size)) + "]"
    open(path_body, "w").write(body)
    open(path_sig, "w").write("SIG-HMAC-SHA256 " + sign(secret, body))


def catalog_payload(run):
    """A run of the catalog benchmark: start dates spread over six years around now (every
    availability occurs), 2,000 runs per course over 50 courses."""
    import datetime
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(hours=run % 52560)
    end = start + datetime.timedelta(days=90)
    return json.dumps({"resource_link": link(run % 50, run), "start": start.isoformat(), "end": end.isoformat(),
                       "enrollment_start": None, "enrollment_end": None, "languages": ["en"],
                       "enrollment_count": 1, "catalog_visibility": "both", "offer": "free",
                       "certificate_offer": "paid", "certificate_price": 49})


def catalog_batch(size, secret, path_body, path_sig, offset):
    body = "[" + ", ".join(catalog_payload(offset + i) for i in range(size)) + "]"
    open(path_body, "w").write(body)
    open(path_sig, "w").write("SIG-HMAC-SHA256 " + sign(secret, body))


def catalog_seed_sql(runs):
    """The rows the signed catalog batches store (same links, dates, offers), written in SQL: a
    faster way to build the 100,000-run catalog on a loaded machine."""
    print("""INSERT INTO course_run (id, course_id, resource_link, lms_backend, sync_mode, title, display_mode,
    start_at, end_at, languages, enrollment_count, catalog_visibility, price_currency, offer, certificate_price,
    certificate_offer, created_at, updated_at)
SELECT gen_random_uuid(), c.id, '%(lms)s/courses/course-v1:Bench+C' || (n %% 50) || '+R' || n || '/info', '%(lms)s',
    'sync_to_public', '', 'detailed', timestamptz '2024-01-01 00:00:00+00' + (n %% 52560) * interval '1 hour',
    timestamptz '2024-01-01 00:00:00+00' + (n %% 52560) * interval '1 hour' + interval '90 days', 'en', 1,
    'course_and_search', 'EUR', 'free', 49.00, 'paid', now(), now()
FROM generate_series(0, %(last)d) AS n JOIN course c ON c.code = 'C' || (n %% 50);
INSERT INTO course_run_public (id, draft_run_id, course_id, resource_link, lms_backend, sync_mode, title,
    display_mode, start_at, end_at, languages, enrollment_count, catalog_visibility, price_currency, offer,
    certificate_price, certificate_offer, created_at, updated_at)
SELECT gen_random_uuid(), id, course_id, resource_link, lms_backend, sync_mode, title, display_mode, start_at, end_at,
    languages, enrollment_count, catalog_visibility, price_currency, offer, certificate_price, certificate_offer,
    created_at, updated_at
FROM course_run;
ANALYZE;""" % {"lms": LMS, "last": runs - 1})


def wrk_json(path, name, connections, kind):
    """One wrk output as a JSON line: req/s, p50, p99, mean latency (ms), non-2xx/3xx count."""
    text = open(path).read()

    def ms(label):
        m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\b" % label, text, re.M)
        if not m:
            return None
        v = float(m.group(1))
        return round(v / 1000 if m.group(2) == "us" else v * 1000 if m.group(2) == "s" else v, 2)

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    timeouts = re.search(r"Socket errors: .*timeout (\d+)", text)
    print(json.dumps({"kind": kind, "name": name, "connections": int(connections),
                      "rps": float(rps.group(1)) if rps else 0.0, "p50": ms("50%"), "p99": ms("99%"),
                      "mean": ms("Latency"), "non2xx": int(errors.group(1)) if errors else 0,
                      "timeouts": int(timeouts.group(1)) if timeouts else 0}))


def catalog_report(results_path):
    results = load_results(results_path)
    trivial = next((r for r in results if r.get("name") == "trivial"), None)
    print("\n%-28s %6s %9s %9s %9s %7s %9s" % ("request", "conns", "req/s", "p50 ms", "p99 ms", "non-2xx",
                                              "/trivial"))
    for r in results:
        if r.get("kind") not in ("catalog", "http"):
            continue
        ratio = "%.3f" % (r["rps"] / trivial["rps"]) if trivial and trivial["rps"] and r["kind"] == "catalog" else ""
        print("%-28s %6s %9.1f %9s %9s %7s %9s" % (r["name"], r["connections"], r["rps"], r.get("p50"), r.get("p99"),
                                                 r.get("non2xx", 0) + r.get("timeouts", 0), ratio))
    by = {r["name"]: r for r in results}
    first, deep = by.get("first-page"), by.get("deep-page")
    if first and deep and first.get("p50") and deep.get("p50"):
        print("\ndeep page p50 / first page p50: %.2f" % (deep["p50"] / first["p50"]))


def seed(courses):
    for i in range(courses):
        print("INSERT INTO course (id, code, title, unpublished_changes, created_at, updated_at) VALUES "
              "(gen_random_uuid(), 'C%d', 'Bench course %d', FALSE, now(), now());" % (i, i))
    print("INSERT INTO course_public (course_id, title, published_at) SELECT id, title, now() FROM course;")


def pgbench_scripts(log_path, outdir):
    """Turns the statements PostgreSQL logged for one update item into pgbench scripts.

    The log holds 'LOG:  execute <name>: SQL' followed by 'DETAIL:  parameters: $1 = '...', ...'.
    Values are inlined, then the item-specific ones (link, run ids, count, event id) become
    pgbench variables. Two scripts per workload:
      same:  the service's own statements for one item (the lock-free read, then one
             statement that updates the run and its copy and inserts the history row, in
             autocommit);
      naive: the same writes as one transaction of separate statements (BEGIN, read with
             the run's row lock, INSERT history, UPDATE run, UPDATE copy, COMMIT), as an ORM
             flush issues them.
    """
    lines = open(log_path, encoding="utf-8", errors="replace").read().splitlines()
    statements = []
    for i, line in enumerate(lines):
        m = re.search(r"LOG:  (?:execute [^:]*|statement): (.*)$", line)
        if not m:
            continue
        sql = m.group(1).strip()
        if i + 1 < len(lines) and "DETAIL:  parameters: " in lines[i + 1]:
            params = lines[i + 1].split("DETAIL:  parameters: ", 1)[1]
            values = dict(re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", params))
            sql = re.sub(r"\$(\d+)\b", lambda v: values.get(v.group(1), "NULL"), sql)
        statements.append(sql)
    read, write = None, None
    for index, sql in enumerate(statements):
        if re.match(r"with r as \(update course_run set .*\bp as \(update course_run_public ", sql, re.I | re.S):
            previous = [st for st in statements[:index] if st.lower().startswith("select") and "from course_run" in st.lower()]
            if previous:
                read, write = previous[-1], sql
    if not write:
        sys.exit("no update of a run and its public copy found in " + log_path)
    open(outdir + "/captured.sql", "w").write(read + ";\n" + write + ";\n")
    uuid = r"'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'"
    run_id = re.search(r"r as \(update course_run set .*? where id = " + uuid, write, re.I).group(1)
    copy_id = re.search(r"p as \(update course_run_public set .*? where id = " + uuid, write, re.I).group(1)
    # The history rows come as one text array per column (unnest), one element per item.
    insert = re.search(r"(insert into sync_event \(.*?\))\s+select (.*?) from unnest\((.*)\) as e\((.*?)\)",
                       write, re.I | re.S)
    arrays = [array_elements(a) for a in TEXT_ARRAY.findall(insert.group(3))]
    columns = [c.strip() for c in insert.group(4).split(",")]
    first_row = {c: sql_literal(a[0]) for c, a in zip(columns, arrays)}
    event_id = arrays[0][0]
    link_literal = r"'%s/courses/course-v1:Bench\+C\d+\+R\d+/info'" % re.escape(LMS)

    def variables(sql, kind):
        # chr(58) is ':' (pgbench would read ":Bench" in a literal as a variable).
        link_sql = ("('%s/courses/course-v1' || chr(58) || 'Bench+C0+R0/info')" % LMS if kind == "storm"
                    else "('%s/courses/course-v1' || chr(58) || 'Bench+C' || (:r::int %% 50) || '+R' || :r::int"
                         " || '/info')" % LMS)
        sql = re.sub(link_literal, lambda _: link_sql, sql)
        sql = sql.replace("'%s'" % run_id, ":run_id").replace("'%s'" % copy_id, ":copy_id")
        # The version the write checks is the one the read returned (a captured constant
        # would trip the guard, or update nothing in the naive form).
        sql = re.sub(r"(where id = :run_id and version = )'?\d+'?", r"\1:run_version", sql, flags=re.I)
        sql = sql.replace("'%s'" % event_id, "gen_random_uuid()")
        return re.sub(r"enrollment_count\s*=\s*'?\d+'?", "enrollment_count = :c", sql)

    # The arrays as ARRAY[...] of literals, so that the substitutions above apply to their elements.
    same_write = TEXT_ARRAY.sub(lambda m: "ARRAY[%s]::text[]" % ", ".join(
        sql_literal(e) for e in array_elements(m.group(1))), write)
    # The read's aliases: "r" for the run and "p" for its copy.
    select = "select q.run_id, q.copy_id, q.run_version from (%s) q \\gset" % re.sub(
        r"^select ", "select r.id as run_id, p.id as copy_id, r.version as run_version, ", read, count=1, flags=re.I)
    head = ["\\set r random(0, 999)", "\\set c random(1, 1000000)"]
    update_run = re.search(r"r as \((update course_run set .*?) returning 1\)", write, re.I).group(1)
    update_copy = re.search(r"p as \((update course_run_public set .*?) returning 1\)", write, re.I).group(1)
    insert_values = "%s VALUES (%s);" % (insert.group(1), re.sub(r"\be\.(\w+)", lambda v: first_row[v.group(1)],
                                                                insert.group(2)))
    # A write that lost a race to another client trips the guard (a division by zero) and
    # the service retries it; pgbench cannot retry that error and would drop the client, so
    # here a lost race writes nothing instead (the same statements and locks, no retry).
    same_write = re.sub(r"where 1 / \((.*)\) = 1\s*$", r"where (\1) = 1", same_write, flags=re.I | re.S)
    # The naive form reads the run locked, as a transaction of separate statements must.
    naive_select = select.replace(") q \\gset", " FOR UPDATE OF r) q \\gset")
    for kind in ("storm", "spread"):
        same = head + [variables(select, kind), variables(same_write, kind) + ";"]
        open("%s/%s.same.pgbench.sql" % (outdir, kind), "w").write("\n".join(same) + "\n")
        naive = head + ["BEGIN;", variables(naive_select, kind), variables(insert_values, kind),
                        variables(update_run + ";", kind), variables(update_copy + ";", kind), "COMMIT;"]
        open("%s/%s.naive.pgbench.sql" % (outdir, kind), "w").write("\n".join(naive) + "\n")


TEXT_ARRAY = re.compile(r"'((?:[^']|'')*)'::text\[\]")


def array_elements(literal):
    """The elements of a one-dimensional PostgreSQL array literal (as logged, quotes doubled)."""
    body = literal.replace("''", "'")
    if not (body.startswith("{") and body.endswith("}")):
        sys.exit("not an array literal: " + literal)
    body, out, i = body[1:-1], [], 0
    while i < len(body):
        if body[i] == '"':
            j, text = i + 1, []
            while body[j] != '"':
                if body[j] == "\\":
                    j += 1
                text.append(body[j])
                j += 1
            out.append("".join(text))
            i = j + 1
        else:
            j = body.find(",", i)
            j = len(body) if j < 0 else j
            token = body[i:j]
            out.append(None if token == "NULL" else token)
            i = j
        i += 1  # the comma
    return out


def sql_literal(value):
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def load_results(results_path):
    return [json.loads(line) for line in open(results_path) if line.strip()]


def report(results_path):
    results = load_results(results_path)
    by = {(r.get("name"), r.get("connections")): r for r in results if r.get("kind") in ("http", "pgbench")}
    print("\n%-22s %6s %9s %8s %8s %10s %10s %9s" % ("workload", "conns", "req/s", "p50 ms", "p99 ms",
                                                     "/pg same", "/pg naive", "/trivial"))
    print("(pgbench rows: transactions/s, average latency in the p50 column; 'same' runs the service's own"
          " statements, 'naive' the same writes as one transaction of separate statements)")
    for r in results:
        if r.get("kind") not in ("http", "pgbench"):
            continue
        c = r.get("connections")
        ratios = []
        for prefix in ("pgbench-same-", "pgbench-naive-", "trivial"):
            other = by.get((prefix + r["name"] if prefix != "trivial" else "trivial", c))
            ratios.append("%.2f" % (r["rps"] / other["rps"]) if r["name"] in ("storm", "spread") and other
                          and other["rps"] else "")
        print("%-22s %6s %9.0f %8s %8s %10s %10s %9s" % (r["name"], c, r["rps"], r.get("p50", ""), r.get("p99", ""),
                                                       *ratios))
    batches = {r["name"]: r for r in results if r.get("kind") == "batch"}
    if batches:
        print("\n%-10s %10s %12s %12s" % ("batch", "items", "seconds", "ms/item"))
        for r in batches.values():
            print("%-10s %10d %12.3f %12.3f" % (r["name"], r["items"], r["seconds"], 1000 * r["seconds"] / r["items"]))
    half = {r["name"]: r for r in results if r.get("kind") == "half-load"}
    if half:
        print("\nat half the maximum spread throughput (%s req/s target, 32 connections with random pauses%s):"
              % (half["spread"]["target"], "; pgbench: the service's SQL for one item alone at that rate, over as"
                 " many connections as the service's pool" if "pgbench" in half else ""))
        for r in half.values():
            print("  %-8s %7.0f req/s  p50 %6s ms  p99 %6s ms" % (r["name"], r["rps"], r["p50"], r["p99"]))
        if "pgbench" in half and half["pgbench"]["p99"] and half["trivial"]["p99"]:
            print("  the database alone: p99 %.1f times the trivial endpoint's; the service: %.1f times the"
                  " database's" % (half["pgbench"]["p99"] / half["trivial"]["p99"],
                                   half["spread"]["p99"] / half["pgbench"]["p99"]))
    import glob, os
    gc_log = os.path.join(os.path.dirname(results_path), "gc.log")
    if os.path.exists(gc_log):
        text = open(gc_log).read()
        pauses = [float(m) for m in re.findall(r"Pause Young.* ([\d.]+)ms$", text, re.M)]
        soak_rows = [r for r in results if r.get("kind") == "soak"]
        if soak_rows:
            # Only syncs ran (no warm-up, no other endpoint): what young collections reclaimed
            # per sync is the allocation per sync.
            freed = sum(int(a) - int(b) for a, b in re.findall(r"Pause Young.* (\d+)M->(\d+)M", text))
            print("\nallocated per sync: about %.0f KB (young collections reclaimed %d MB over %d syncs)"
                  % (freed * 1024.0 / soak_rows[-1]["syncs"], freed, soak_rows[-1]["syncs"]))
        if pauses:
            pauses.sort()
            print("\nyoung GC pauses over the run: %d, median %.1f ms, max %.1f ms, total %.2f s"
                  % (len(pauses), pauses[len(pauses) // 2], pauses[-1], sum(pauses) / 1000))
    for r in results:
        if r.get("kind") == "memory":
            print("\nmemory after the run: heap used %s MB (after GC), RSS %s MB" % (r["heap_mb"], r["rss_mb"]))
    soak = [r for r in results if r.get("kind") == "soak"]
    for r in soak:
        print("soak: after %9d syncs heap used after GC %4s MB, RSS %s MB" % (r["syncs"], r["heap_mb"], r["rss_mb"]))
    targets(by, batches, half, soak)


def targets(by, batches, half, soak):
    checks = []

    def ratio(a, b):
        return a["rps"] / b["rps"] if a and b and b["rps"] else None

    spread = ratio(by.get(("spread", 32)), by.get(("pgbench-same-spread", 32)))
    if spread is not None:
        checks.append(("spread at 32 connections / pgbench (same SQL) >= 0.70", spread, spread >= 0.7))
    for c in sorted({k[1] for k in by if k[0] == "storm"}):
        storm = ratio(by.get(("storm", c)), by.get(("pgbench-naive-storm", c)))
        if storm is not None:
            checks.append(("storm at %d connections / pgbench naive storm >= 1.00" % c, storm, storm >= 1.0))
    if half:
        p99 = half["spread"]["p99"] / half["trivial"]["p99"]
        checks.append(("p99 at half load: service / trivial <= 3.00", p99, p99 <= 3.0))
    if "batch-10000" in batches and "10x1000" in batches:
        linear = batches["batch-10000"]["seconds"] / batches["10x1000"]["seconds"]
        checks.append(("batch of 10,000 / ten batches of 1,000 <= 1.10", linear, linear <= 1.1))
    if len(soak) >= 3:
        # Growth between the second sample (warm) and the last one.
        growth = soak[-1]["heap_mb"] - soak[1]["heap_mb"]
        checks.append(("heap growth after GC over the soak (MB) <= 16", growth, growth <= 16))
    if checks:
        print("\ntargets:")
        for name, value, ok in checks:
            print("  %-58s %8.2f  %s" % (name, value, "met" if ok else "NOT MET"))


def plot(results_path, svg_path):
    """Latency versus throughput (p50 and p99 at 8, 32, 128 connections), as an SVG image."""
    import math
    results = [r for r in load_results(results_path) if r.get("kind") in ("http", "half-load") and r.get("p99")]
    if not results:
        return
    colors = {"storm": "#d62728", "spread": "#1f77b4", "trivial": "#2ca02c"}
    width, height, left, bottom, top, right = 760, 480, 70, 50, 30, 170
    xs = [max(r["rps"], 1) for r in results]
    ys = [v for r in results for v in (r["p50"], r["p99"]) if v]
    x0, x1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
    y0, y1 = math.log10(min(ys)) - 0.1, math.log10(max(ys)) + 0.1

    def px(x):
        return left + (math.log10(max(x, 1)) - x0) / (x1 - x0) * (width - left - right)

    def py(y):
        return height - bottom - (math.log10(y) - y0) / (y1 - y0) * (height - bottom - top)

    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">'
           % (width, height), '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="18" font-size="14">coursesync: latency versus throughput (log-log)</text>' % left]
    for exponent in range(math.floor(x0), math.ceil(x1) + 1):
        for m in (1, 2, 5):
            v = m * 10 ** exponent
            if x0 <= math.log10(v) <= x1:
                out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#eee"/>' % (px(v), top, px(v), height - bottom))
                out.append('<text x="%.1f" y="%d" text-anchor="middle">%g</text>' % (px(v), height - bottom + 16, v))
    for exponent in range(math.floor(y0), math.ceil(y1) + 1):
        for m in (1, 2, 5):
            v = m * 10 ** exponent
            if y0 <= math.log10(v) <= y1:
                out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eee"/>' % (left, py(v), width - right, py(v)))
                out.append('<text x="%d" y="%.1f" text-anchor="end">%g</text>' % (left - 6, py(v) + 4, v))
    out.append('<text x="%d" y="%d" text-anchor="middle">requests/s</text>' % ((left + width - right) / 2, height - 12))
    out.append('<text x="16" y="%d" transform="rotate(-90 16 %d)" text-anchor="middle">latency (ms)</text>'
               % ((top + height - bottom) / 2, (top + height - bottom) / 2))
    legend = 0
    for name, color in colors.items():
        series = sorted((r for r in results if r["name"] == name and r["kind"] == "http"), key=lambda r: r["connections"])
        for key, dash in (("p50", ""), ("p99", ' stroke-dasharray="5,4"')):
            points = " ".join("%.1f,%.1f" % (px(r["rps"]), py(r[key])) for r in series if r.get(key))
            if points:
                out.append('<polyline points="%s" fill="none" stroke="%s" stroke-width="2"%s/>' % (points, color, dash))
            for r in series:
                if r.get(key):
                    out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (px(r["rps"]), py(r[key]), color))
                    if key == "p99":
                        out.append('<text x="%.1f" y="%.1f" fill="%s" font-size="10">%d</text>'
                                   % (px(r["rps"]) + 5, py(r[key]) - 5, color, r["connections"]))
        for r in results:
            if r["kind"] == "half-load" and r["name"] == name:
                out.append('<rect x="%.1f" y="%.1f" width="8" height="8" fill="none" stroke="%s" stroke-width="2"/>'
                           % (px(r["rps"]) - 4, py(r["p99"]) - 4, color))
        out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>'
                   % (width - right + 15, top + 20 + legend * 18, width - right + 40, top + 20 + legend * 18, color))
        out.append('<text x="%d" y="%d">%s</text>' % (width - right + 46, top + 24 + legend * 18, name))
        legend += 1
    notes = ["solid: p50, dashed: p99", "labels: connections", "squares: p99 at half load"]
    for i, note in enumerate(notes):
        out.append('<text x="%d" y="%d" font-size="10">%s</text>' % (width - right + 15, top + 24 + (legend + i) * 18, note))
    out.append("</svg>")
    open(svg_path, "w").write("\n".join(out) + "\n")


def profile(collapsed_path, top=40):
    """Top frames of an async-profiler collapsed-stack file: self time and total time."""
    self_counts, total_counts, samples = {}, {}, 0
    for line in open(collapsed_path, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack or not count.isdigit():
            continue
        count = int(count)
        frames = stack.split(";")
        samples += count
        self_counts[frames[-1]] = self_counts.get(frames[-1], 0) + count
        for frame in set(frames):
            total_counts[frame] = total_counts.get(frame, 0) + count
    print("%d samples" % samples)
    for title, counts, prefixes in (
            ("self", self_counts, ("",)),
            ("total, by package of interest", total_counts,
             ("org/coursesync", "org/hibernate", "org/postgresql", "tools/jackson", "com/zaxxer",
              "io/micrometer", "org/springframework/security", "org/springframework/transaction",
              "org/springframework/orm", "org/springframework/jdbc", "org/apache/catalina", "org/apache/coyote"))):
        print("\ntop %s:" % title)
        ranked = [kv for kv in sorted(counts.items(), key=lambda kv: -kv[1]) if kv[0].startswith(prefixes)]
        for frame, count in ranked[:top]:
            print("  %5.1f%%  %s" % (100.0 * count / max(samples, 1), frame[:160]))


def main():
    command = sys.argv[1]
    if command == "bodies":
        bodies(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif command == "batch":
        batch(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
    elif command == "catalog-batch":
        catalog_batch(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
    elif command == "catalog-seed-sql":
        catalog_seed_sql(int(sys.argv[2]))
    elif command == "wrk-json":
        wrk_json(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
    elif command == "catalog-report":
        catalog_report(sys.argv[2])
    elif command == "seed":
        seed(int(sys.argv[2]))
    elif command == "pgbench-scripts":
        pgbench_scripts(sys.argv[2], sys.argv[3])
    elif command == "report":
        report(sys.argv[2])
    elif command == "profile":
        profile(sys.argv[2])
    elif command == "plot":
        plot(sys.argv[2], sys.argv[3])


if __name__ == "__main__":
    main()
