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


def seed(courses):
    for i in range(courses):
        print("INSERT INTO course (id, code, title, unpublished_changes, created_at, updated_at) VALUES "
              "(gen_random_uuid(), 'C%d', 'Bench course %d', FALSE, now(), now());" % (i, i))
    print("INSERT INTO course_public (course_id, title, published_at) SELECT id, title, now() FROM course;")


def pgbench_scripts(log_path, outdir):
    """Turns the statements PostgreSQL logged for one update item into pgbench scripts.

    The log holds, per statement, 'execute <name>: SQL' then 'DETAIL:  Parameters: $1 = '...', ...'.
    Values are inlined, then the run-specific ones replaced by pgbench variables.
    """
    text = open(log_path, encoding="utf-8", errors="replace").read()
    entries = re.findall(r"LOG:  (?:execute [^:]*|statement): (.*?)\n(?:.*?DETAIL:  Parameters: (.*?)\n)?", text)
    statements = []
    for sql, params in entries:
        sql = sql.strip()
        if params:
            values = dict(re.findall(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", params))
            sql = re.sub(r"\$(\d+)", lambda m: values.get(m.group(1), "NULL"), sql)
        statements.append(sql)
    # Keep the statements of the last complete update item (BEGIN .. COMMIT).
    item, current = [], None
    for sql in statements:
        if sql.upper() == "BEGIN":
            current = []
        elif sql.upper() == "COMMIT" and current is not None:
            if any(s.lower().startswith("update course_run ") for s in current):
                item = current
            current = None
        elif current is not None:
            current.append(sql)
    if not item:
        sys.exit("no update item found in " + log_path)
    open(outdir + "/captured.sql", "w").write(";\n".join(item) + ";\n")
    for kind in ("storm", "spread"):
        lines = ["\\set r random(0, 999)", "\\set c random(1, 100000)", "BEGIN;"]
        for sql in item:
            s = re.sub(r"'%s/courses/course-v1:Bench\+C\d+\+R\d+/info'" % re.escape(LMS),
                       "'%s/courses/course-v1:Bench+C0+R0/info'" % LMS if kind == "storm"
                       else "'%s/courses/course-v1:Bench+C' || (:r %% 50) || '+R' || :r || '/info'" % LMS, sql)
            if s.lower().startswith("select"):
                s = s.rstrip(";") + " \\gset run_"
                # The run's id, for the updates below.
                s = re.sub(r"^select ", "select cr1_0.id as id, ", s, count=1, flags=re.I)
            s = re.sub(r"where (cr1_0\.)?id\s*=\s*'[0-9a-f-]{36}'", lambda m: "where %sid = :'run_id'" % (m.group(1) or ""), s)
            s = re.sub(r"where (crp1_0\.)?draft_run_id\s*=\s*'[0-9a-f-]{36}'", "where draft_run_id = :'run_id'", s)
            s = re.sub(r"enrollment_count\s*=\s*'?\d+'?", "enrollment_count = :c", s)
            s = re.sub(r"\(('[0-9a-f-]{36}')", "(gen_random_uuid()", s, count=1) if s.lower().startswith("insert into sync_event") else s
            lines.append(s if s.endswith("\\gset run_") else s.rstrip(";") + ";")
        lines.append("COMMIT;")
        open("%s/%s.pgbench.sql" % (outdir, kind), "w").write("\n".join(lines) + "\n")


def report(results_path):
    results = [json.loads(line) for line in open(results_path) if line.strip()]
    by = {(r["name"], r.get("connections")): r for r in results}
    print("\n%-22s %6s %10s %9s %9s %9s %9s" % ("workload", "conns", "req/s", "p50 ms", "p99 ms", "/pgbench", "/trivial"))
    for r in results:
        if r.get("kind") != "http" and r.get("kind") != "pgbench":
            continue
        c = r.get("connections")
        ratio_pg, ratio_trivial = "", ""
        if r["name"] in ("storm", "spread"):
            pg = by.get(("pgbench-" + r["name"], c))
            trivial = by.get(("trivial", c))
            if pg and pg["rps"]:
                ratio_pg = "%.2f" % (r["rps"] / pg["rps"])
            if trivial and trivial["rps"]:
                ratio_trivial = "%.2f" % (r["rps"] / trivial["rps"])
        print("%-22s %6s %10.0f %9s %9s %9s %9s" % (r["name"], c, r["rps"], r.get("p50", ""), r.get("p99", ""),
                                                ratio_pg, ratio_trivial))
    batches = [r for r in results if r.get("kind") == "batch"]
    if batches:
        print("\n%-10s %10s %12s %12s" % ("batch", "items", "seconds", "ms/item"))
        for r in batches:
            print("%-10s %10d %12.3f %12.3f" % (r["name"], r["items"], r["seconds"], 1000 * r["seconds"] / r["items"]))
    for r in results:
        if r.get("kind") == "memory":
            print("\nmemory after the run: heap used %s MB (after GC), RSS %s MB" % (r["heap_mb"], r["rss_mb"]))
        if r.get("kind") == "soak":
            print("soak: after %d syncs heap used after GC %s MB" % (r["syncs"], r["heap_mb"]))


def main():
    command = sys.argv[1]
    if command == "bodies":
        bodies(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif command == "batch":
        batch(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
    elif command == "seed":
        seed(int(sys.argv[2]))
    elif command == "pgbench-scripts":
        pgbench_scripts(sys.argv[2], sys.argv[3])
    elif command == "report":
        report(sys.argv[2])


if __name__ == "__main__":
    main()
