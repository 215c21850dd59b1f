"""The figures of bench/reconcile.sh, from the files it leaves in its work folder (argument 1):
latencies.txt (a line per webhook: epoch ms sent, latency in us, status), windows.txt (a line per
window: name, start and end in epoch ms, load average at its end), samples.txt (epoch ms, metric,
value), during-N.json (each reconciliation's report) and heap-before/after-N.json."""
import json
import os
import statistics
import sys

work = sys.argv[1]


def read(name):
    with open(os.path.join(work, name)) as f:
        return f.read()


requests = []
for line in read("latencies.txt").split("\n"):
    parts = line.split()
    if len(parts) == 3:
        requests.append((int(parts[0]), int(parts[1]) / 1000.0, int(parts[2])))
windows = {}
for line in read("windows.txt").split("\n"):
    parts = line.split()
    if len(parts) == 4:
        windows[parts[0]] = (int(parts[1]), int(parts[2]), parts[3])
samples = []
for line in read("samples.txt").split("\n"):
    parts = line.split()
    if len(parts) == 3:
        samples.append((int(parts[0]), parts[1], float(parts[2])))


def percentile(values, p):
    """The nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def within(name):
    start, end, _ = windows[name]
    return [r for r in requests if start <= r[0] < end]


def latency(rows):
    times = [r[1] for r in rows]
    failed = sum(1 for r in rows if not 200 <= r[2] < 300)
    return percentile(times, 50), percentile(times, 99), len(rows), failed


def describe(rows, seconds):
    p50, p99, n, failed = latency(rows)
    return "p50 %.1f ms, p99 %.1f ms, %d requests (%.1f/s), non-2xx %d" % (p50, p99, n, n / seconds, failed)


def peak(metric, name):
    start, end, _ = windows[name]
    values = [v for t, m, v in samples if m == metric and start <= t <= end]
    return max(values) if values else float("nan")


def heap(name):
    return json.loads(read(name))["measurements"][0]["value"] / 1048576


mb = 1048576
rounds = sorted(int(n.split("-")[1]) for n in windows if n.startswith("during-"))
ratios, alone_all, during_all = [], [], []
for n in rounds:
    alone, during = within("alone-%d" % n), within("during-%d" % n)
    alone_all += alone
    during_all += during
    a_start, a_end, a_load = windows["alone-%d" % n]
    d_start, d_end, d_load = windows["during-%d" % n]
    report = json.loads(read("during-%d.json" % n))
    ratio = latency(during)[1] / latency(alone)[1]
    ratios.append(ratio)
    print("round %d: reconciliation %s in %.1f s: courses %d, runs repaired %d, unchanged %d, skipped newer %d%s"
          % (n, report["status"], (d_end - d_start) / 1000, report["courses_seen"], report["runs_updated"],
             report["runs_unchanged"], report["runs_skipped_newer"],
             (", error: " + report["error"]) if report["error"] else ""))
    print("  webhooks alone:  " + describe(alone, (a_end - a_start) / 1000))
    print("  webhooks during: " + describe(during, (d_end - d_start) / 1000))
    print("  p99 during / alone: %.2f" % ratio)
    print("  heap after a full GC: %.1f MB before, %.1f MB after; largest heap seen while it ran: %.1f MB"
          % (heap("heap-before-%d.json" % n), heap("heap-after-%d.json" % n),
             peak("jvm.memory.used?tag=area:heap", "during-%d" % n) / mb))
    print("  database connections busy at most: %d of 10 (threads waiting for one at most: %d);"
          " load average %s alone, %s during"
          % (peak("hikaricp.connections.active", "during-%d" % n),
             peak("hikaricp.connections.pending", "during-%d" % n), a_load, d_load))
if rounds:
    a_p50, a_p99, a_n, _ = latency(alone_all)
    d_p50, d_p99, d_n, _ = latency(during_all)
    print("all %d rounds: webhooks alone p50 %.1f ms, p99 %.1f ms (%d requests); during p50 %.1f ms, p99 %.1f ms"
          " (%d requests)" % (len(rounds), a_p50, a_p99, a_n, d_p50, d_p99, d_n))
    print("  p99 during / alone over all rounds: %.2f; median of the rounds' ratios: %.2f"
          % (d_p99 / a_p99, statistics.median(ratios)))
