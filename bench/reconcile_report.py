"""The figures of bench/reconcile.sh, from the files it leaves in its work folder: latencies.txt
(a line per webhook: epoch ms sent, latency in us, status), windows.txt (a line per window: name,
start and end in epoch ms, load average at its end), samples.txt (epoch ms, metric, value),
during-N.json (each reconciliation's report) and heap-before/after-N.json.

    python3 bench/reconcile_report.py WORK [WORK...]

With several work folders (several runs), each is reported, then the webhooks of all of them
together."""
import json
import os
import statistics
import sys

MB = 1048576


def percentile(values, p):
    """The nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def latency(rows):
    times = [r[1] for r in rows]
    failed = sum(1 for r in rows if not 200 <= r[2] < 300)
    return percentile(times, 50), percentile(times, 99), len(rows), failed


def describe(rows, seconds):
    p50, p99, n, failed = latency(rows)
    return "p50 %.1f ms, p99 %.1f ms, %d requests (%.1f/s), non-2xx %d" % (p50, p99, n, n / seconds, failed)


def together(label, alone, during, ratios):
    a_p50, a_p99, a_n, _ = latency(alone)
    d_p50, d_p99, d_n, _ = latency(during)
    print("%s: webhooks alone p50 %.1f ms, p99 %.1f ms (%d requests); during p50 %.1f ms, p99 %.1f ms"
          " (%d requests)" % (label, a_p50, a_p99, a_n, d_p50, d_p99, d_n))
    print("  p99 during / alone: %.2f; median of the rounds' ratios: %.2f"
          % (d_p99 / a_p99, statistics.median(ratios)))


def report(work):
    """Prints the figures of one run; returns its requests alone, during, and the rounds' ratios."""

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

    def within(name):
        start, end, _ = windows[name]
        return [r for r in requests if start <= r[0] < end]

    def peak(metric, name):
        start, end, _ = windows[name]
        values = [v for t, m, v in samples if m == metric and start <= t <= end]
        return max(values) if values else 0

    def heap(name):
        return json.loads(read(name))["measurements"][0]["value"] / MB

    rounds = sorted(int(n.split("-")[1]) for n in windows if n.startswith("during-"))
    ratios, alone_all, during_all = [], [], []
    for n in rounds:
        alone, during = within("alone-%d" % n), within("during-%d" % n)
        alone_all += alone
        during_all += during
        a_start, a_end, a_load = windows["alone-%d" % n]
        d_start, d_end, d_load = windows["during-%d" % n]
        result = json.loads(read("during-%d.json" % n))
        ratio = latency(during)[1] / latency(alone)[1]
        ratios.append(ratio)
        print("round %d: reconciliation %s in %.1f s: courses %d, runs repaired %d, unchanged %d, skipped newer %d%s"
              % (n, result["status"], (d_end - d_start) / 1000, result["courses_seen"], result["runs_updated"],
                 result["runs_unchanged"], result["runs_skipped_newer"],
                 (", error: " + result["error"]) if result["error"] else ""))
        print("  webhooks alone:  " + describe(alone, (a_end - a_start) / 1000))
        print("  webhooks during: " + describe(during, (d_end - d_start) / 1000))
        print("  p99 during / alone: %.2f" % ratio)
        print("  heap after a full GC: %.1f MB before, %.1f MB after; largest heap seen while it ran: %.1f MB"
              % (heap("heap-before-%d.json" % n), heap("heap-after-%d.json" % n),
                 peak("jvm.memory.used?tag=area:heap", "during-%d" % n) / MB))
        print("  database connections busy at most: %d of 10 (threads waiting for one at most: %d);"
              " load average %s alone, %s during"
              % (peak("hikaricp.connections.active", "during-%d" % n),
                 peak("hikaricp.connections.pending", "during-%d" % n), a_load, d_load))
    if rounds:
        together("all %d rounds" % len(rounds), alone_all, during_all, ratios)
    return alone_all, during_all, ratios


def main(works):
    alone, during, ratios = [], [], []
    for work in works:
        if len(works) > 1:
            print("== " + work)
        a, d, r = report(work)
        alone, during, ratios = alone + a, during + d, ratios + r
    if len(works) > 1 and ratios:
        together("all %d runs, %d rounds" % (len(works), len(ratios)), alone, during, ratios)


if __name__ == "__main__":
    main(sys.argv[1:])
