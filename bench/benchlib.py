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

    The log holds 'LOG:  execute <name>: SQL' followed by 'DETAIL:  parameters: $1 = '...', ...'.
    Values are inlined, then the item-specific ones (link, run ids, count, event id) become
    pgbench variables, so that pgbench runs the service's own statements, one transaction each.
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
    item, current = [], None
    for sql in statements:
        if sql.upper() == "BEGIN":
            current = []
        elif sql.upper() == "COMMIT" and current is not None:
            if any(st.lower().startswith("update course_run ") for st in current):
                item = current
            current = None
        elif current is not None and sql:
            current.append(sql)
    if not item:
        sys.exit("no update item found in " + log_path)
    open(outdir + "/captured.sql", "w").write(";\n".join(item) + ";\n")
    link_literal = r"'%s/courses/course-v1:Bench\+C\d+\+R\d+/info'" % re.escape(LMS)
    uuid = r"'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'"
    for kind in ("storm", "spread"):
        # chr(58) is ':' (pgbench would read ":Bench" in a literal as a variable).
        link_sql = ("('%s/courses/course-v1' || chr(58) || 'Bench+C0+R0/info')" % LMS if kind == "storm"
                    else "('%s/courses/course-v1' || chr(58) || 'Bench+C' || (:r::int %% 50) || '+R' || :r::int"
                         " || '/info')" % LMS)
        out = ["\\set r random(0, 999)", "\\set c random(1, 1000000)", "BEGIN;"]
        for sql in item:
            low = sql.lower()
            sql = re.sub(link_literal, lambda _: link_sql, sql)
            if low.startswith("select"):
                inner = re.sub(r"^select ", "select cr1_0.id as run_id, pcr1_0.id as copy_id, ", sql, count=1, flags=re.I)
                out.append("select q.run_id, q.copy_id from (%s) q \\gset" % inner)
                continue
            if low.startswith("insert into sync_event"):
                sql = re.sub(uuid + r"\)$", "gen_random_uuid())", sql)
                sql = re.sub(r"(values \(.*?,.*?,)" + uuid, lambda m: m.group(1) + ":run_id", sql)
            elif low.startswith("update course_run_public"):
                sql = re.sub(r"where id=" + uuid, "where id=:copy_id", sql)
            elif low.startswith("update course_run"):
                sql = re.sub(r"where id=" + uuid, "where id=:run_id", sql)
            sql = re.sub(r"enrollment_count='?\d+'?", "enrollment_count=:c", sql)
            out.append(sql + ";")
        out.append("COMMIT;")
        open("%s/%s.pgbench.sql" % (outdir, kind), "w").write("\n".join(out) + "\n")


def report(results_path):
    results = [json.loads(line) for line in open(results_path) if line.strip()]
    by = {(r.get("name"), r.get("connections")): r for r in results}
    print("\n%-22s %6s %10s %9s %9s %9s %9s" % ("workload", "conns", "req/s", "p50 ms", "p99 ms", "/pgbench", "/trivial"))
    print("(pgbench rows: tps, and the average latency in the p50 column)")
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
