#!/usr/bin/env python3
"""PostgreSQL's CPU per accepted message, process by process, with what each backend ran.

One gateway on PostgreSQL (GATEWAY_JAR, default target/tern.jar) with 1,000 senders, warmed by
wrk for WARMUP seconds (default 30), then wrk at CONNECTIONS (default 128) for DURATION seconds
(default 20). Meanwhile every PostgreSQL process's CPU is read from /proc before and after, and
pg_stat_activity is sampled four times a second for the statements each backend of the
gateway's database ran. Prints the gateway's CPU per accept, PostgreSQL's, and each process's
share with its statements, so the cost of the inserts, the status writes and the look-ups can be
told apart. Dispatch runs beside the accepts (1,000 senders at 1/s) unless DISPATCH=0.

  python3 benchmarks/load/postgres_backends.py

Uses loadtest.py's helpers; its own database (tern_backends), dropped at the end.
"""
import collections
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import loadtest as lt  # beside this script, which puts its directory first on sys.path

DATABASE = "tern_backends"
CONNECTIONS = int(os.environ.get("CONNECTIONS", "128"))
DURATION = int(os.environ.get("DURATION", "20"))
WARMUP = int(os.environ.get("WARMUP", "30"))
DISPATCH = os.environ.get("DISPATCH", "1") != "0"
SAMPLE_SECONDS = 0.25


def title(pid):
    """The process's title without the state a backend appends to it (idle, SELECT...)."""
    try:
        text = Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ").strip()
    except OSError:
        return "(gone)"
    return text[:text.index(")") + 1] if ")" in text else text


def sample_statements(until, statements):
    """Adds each backend's current or last statement to statements[pid] until the deadline."""
    query = ("SELECT pid, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) FROM pg_stat_activity"
             " WHERE datname = current_database() AND pid <> pg_backend_pid()")
    while time.time() < until:
        out = subprocess.run(lt.PG + ["-d", DATABASE, "-F", "|", "-c", query],
                             capture_output=True, text=True).stdout
        for line in out.splitlines():
            pid, statement = line.split("|", 1)
            statements[int(pid)].add(statement)
        time.sleep(SAMPLE_SECONDS)


def main():
    lt.OUT.mkdir(parents=True, exist_ok=True)
    lt.fresh_database(DATABASE)
    process, port = lt.start_tern("backends", "pg", DATABASE, None if DISPATCH else lt.NO_DISPATCH)
    try:
        lt.register_senders(port, lt.SENDERS)
        sids = lt.OUT / "sids-backends.txt"
        lt.wrk("backends", port, CONNECTIONS, WARMUP, "warmup", sids, pid=process.pid)
        result = {}
        load = threading.Thread(target=lambda: result.update(run=lt.wrk(
            "backends", port, CONNECTIONS, DURATION + 4, "max", sids, pid=process.pid)))
        load.start()
        time.sleep(2)
        statements = collections.defaultdict(set)
        before, gateway_before = lt.postgres_cpu_by_process(), lt.proc_cpu_seconds(process.pid)
        started = time.time()
        sample_statements(started + DURATION, statements)
        after, gateway_after = lt.postgres_cpu_by_process(), lt.proc_cpu_seconds(process.pid)
        ended = time.time()
        load.join()
        # wrk's rate over its whole run, applied to the window measured inside it.
        accepted = result["run"]["accepted_per_s"] * (ended - started)

        def per_accept(seconds):
            return 1e6 * seconds / accepted

        used = sorted(((after[pid] - before.get(pid, 0.0), pid) for pid in after), reverse=True)
        print(f"{result['run']['accepted_per_s']:.0f} accepted/s at c={CONNECTIONS}, dispatch "
              f"{'on' if DISPATCH else 'off'}: gateway {per_accept(gateway_after - gateway_before):.1f}"
              f" µs per accept, PostgreSQL {per_accept(sum(s for s, _ in used)):.1f}")
        for seconds, pid in used:
            if seconds > 0:
                ran = "; ".join(sorted(statements.get(pid, ())))[:240]
                print(f"{per_accept(seconds):6.1f} µs  {title(pid)[:62]:62s}  {ran}")
    finally:
        lt.stop(process)
        lt.psql("postgres", f"DROP DATABASE IF EXISTS {DATABASE}")


if __name__ == "__main__":
    sys.exit(main())
