#!/usr/bin/env python3
"""One measurement window of scripts/bench/live.sh against a running node whose live collector feeds trades.

Samples at the window's start and end: the node's /metrics (trades handed to the storage writer, its backlog, the
store-lag histogram, dropped rows), the trades PostgreSQL committed (market.ingest_batches), CPU of the node process,
of this database's PostgreSQL backends and of the whole machine (/proc). Prints one line of figures with the target
they are compared with.

Usage: live_window.py URL NODE_PID DB RATE SECONDS MAX_BATCH
MAX_BATCH (the node's collector.live.max_batch_size) is the granularity of the backlog: it moves by up to a batch
as one is sent and answered, so only growth beyond that (and beyond 1% of the window's trades) counts as falling behind.
"""
import os
import re
import subprocess
import sys
import time
import urllib.request

TRADES = "ndc.storage.trades.ingest"
TARGET_RATE = 50_000
TARGET_P99_S = 1.0
TICK = os.sysconf("SC_CLK_TCK")
SAMPLE = re.compile(r'^(\w+)\{([^}]*)\} (\S+)$')


def metrics(url):
    """{(name, le or None): value} of the trade writer's series."""
    out = {}
    with urllib.request.urlopen(url + "/metrics", timeout=10) as response:
        for line in response.read().decode().splitlines():
            match = SAMPLE.match(line)
            if not match or f'address="{TRADES}"' not in match.group(2):
                continue
            le = re.search(r'le="([^"]+)"', match.group(2))
            out[(match.group(1), le.group(1) if le else None)] = float(match.group(3))
    return out


def psql(db, sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-qAtc", sql],
                          check=True, capture_output=True, text=True).stdout.split()


def process_cpu_s(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except FileNotFoundError:  # a backend that ended in the window
        return 0.0


def machine_cpu_s():
    """(busy, total) CPU seconds of the machine."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]
    return (sum(values) - idle) / TICK, sum(values) / TICK


def sample(url, pid, db, backends):
    t = time.monotonic()
    m = metrics(url)
    stored = int(psql(db, "SELECT coalesce(sum(accepted + unchanged + revised), 0) FROM market.ingest_batches WHERE kind = 'trades'")[0])
    return {
        "t": (t + time.monotonic()) / 2,
        "m": m,
        "stored": stored,
        "node_cpu": process_cpu_s(pid),
        "pg_cpu": sum(process_cpu_s(b) for b in backends),
        "machine": machine_cpu_s(),
    }


def quantile(start, end, q):
    """The q-quantile (seconds) of the store lags recorded between two samples, interpolated in its bucket."""
    bounds = sorted((le for (name, le) in end["m"] if name == "ndc_collector_live_store_lag_seconds_bucket"),
                    key=lambda le: float(le))
    counts = [end["m"][("ndc_collector_live_store_lag_seconds_bucket", le)]
              - start["m"].get(("ndc_collector_live_store_lag_seconds_bucket", le), 0) for le in bounds]
    if not counts or counts[-1] == 0:
        return None
    wanted = q * counts[-1]
    lower, below = 0.0, 0.0
    for le, cumulative in zip(bounds, counts):
        if cumulative >= wanted:
            if le == "+Inf":
                return float("inf")
            return lower + (float(le) - lower) * (wanted - below) / max(cumulative - below, 1)
        lower, below = float(le), cumulative
    return None


def main():
    url, pid, db, rate, seconds, max_batch = (sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]),
                                              float(sys.argv[5]), int(sys.argv[6]))
    backends = [int(p) for p in psql(db, f"SELECT pid FROM pg_stat_activity WHERE datname = '{db}' AND pid <> pg_backend_pid()")]
    start = sample(url, pid, db, backends)
    time.sleep(seconds)
    end = sample(url, pid, db, backends)
    window = end["t"] - start["t"]

    def delta(name):
        return end["m"].get((name, None), 0) - start["m"].get((name, None), 0)

    generated = delta("ndc_collector_live_rows_total") / window
    stored = (end["stored"] - start["stored"]) / window
    dropped = delta("ndc_collector_live_dropped_total")
    backlog = (int(start["m"].get(("ndc_collector_live_write_backlog", None), -1)),
               int(end["m"].get(("ndc_collector_live_write_backlog", None), -1)))
    # sustained: the feed ran at its rate, nothing was dropped, and the backlog did not grow beyond its granularity
    behind = [reason for reason, failed in (
        ("feed below its rate", generated < 0.99 * rate),
        ("rows dropped", dropped > 0),
        ("backlog grew", backlog[1] - backlog[0] > max(max_batch, 0.01 * generated * window))) if failed]
    sustained = not behind
    p50, p99 = quantile(start, end, 0.5), quantile(start, end, 0.99)
    machine_busy = (end["machine"][0] - start["machine"][0]) / window
    cores = (end["machine"][1] - start["machine"][1]) / window

    def ms(seconds_or_none):
        return "n/a" if seconds_or_none is None else f"{seconds_or_none * 1000:.0f} ms"

    fast = p99 is not None and p99 < TARGET_P99_S
    print(f"rate {rate:>6,}/s  window {window:4.1f}s  generated {generated:>8,.0f}/s  stored {stored:>8,.0f}/s  "
          f"backlog {backlog[0]:,} -> {backlog[1]:,}  dropped {dropped:,.0f}  sustained: {'yes' if sustained else 'NO (' + ', '.join(behind) + ')'}  "
          f"lag p50 {ms(p50)} p99 {ms(p99)} (< {TARGET_P99_S * 1000:.0f} ms: {'yes' if fast else 'NO'})  "
          f"cpu node {(end['node_cpu'] - start['node_cpu']) / window:.2f}, postgres backends "
          f"{(end['pg_cpu'] - start['pg_cpu']) / window:.2f}, machine {machine_busy:.2f} of {cores:.0f} cores, "
          f"load {open('/proc/loadavg').read().split()[0]}")
    if rate == TARGET_RATE:
        print(f"target: {TARGET_RATE:,} trades/s sustained with p99 lag < {TARGET_P99_S:.0f} s: "
              f"{'met' if sustained and fast else 'NOT met'}")


if __name__ == "__main__":
    main()
