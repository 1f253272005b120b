#!/usr/bin/env python3
"""CPU per dispatched message, with no API traffic while it is measured.

For each build given: a fresh database, 1,000 senders registered, wrk at 64 connections for
FILL_SECONDS (default 20) seconds to fill their queues, then the gateway's and PostgreSQL's CPU
(from /proc) while the queues drain at the senders' pace, until 2,000 messages are left. The
first WARM_SECONDS (default 0) of the drain are not measured: in its first minute the JIT
compiler is still compiling the dispatch path (a third of the gateway's CPU then), so give
WARM_SECONDS=40 and a FILL_SECONDS that leaves a drain longer than that. Builds run in the
order given, so alternate them for a paired comparison:

  BUILDS="old=/tmp/base/target/tern.jar new=target/tern.jar old=/tmp/base/target/tern.jar \\
          new=target/tern.jar" python3 benchmarks/load/dispatch_cost.py

Uses loadtest.py's helpers and its database (tern_load); never run it beside the load test.
"""
import os
import sys
import time
from pathlib import Path

import loadtest as lt  # beside this script, which puts its directory first on sys.path

DATABASE = "tern_load"
FILL_SECONDS = int(os.environ.get("FILL_SECONDS", "20"))
WARM_SECONDS = int(os.environ.get("WARM_SECONDS", "0"))
LEFT_WHEN_DONE = 2000


def count(where):
    return int(lt.psql(DATABASE, f"SELECT count(*) FROM tern.message WHERE {where}"))


def measure(label, jar):
    lt.TERN_JAR = Path(jar).resolve()
    lt.fresh_database(DATABASE)
    process, port = lt.start_tern("dispatch-" + label, "pg", database=DATABASE)
    try:
        lt.register_senders(port, lt.SENDERS)
        lt.wrk("fill-" + label, port, 64, FILL_SECONDS, "fill", lt.OUT / "fill-sids.txt",
               pid=process.pid)
        time.sleep(2 + WARM_SECONDS)
        queue_query = lt.queue_count_query(DATABASE)
        if int(lt.psql(DATABASE, queue_query)) <= LEFT_WHEN_DONE:
            raise SystemExit(f"{label}: the queues drained during WARM_SECONDS; fill for longer")
        sent_before = count("status IN ('sent', 'delivered', 'undelivered')")
        started = time.time()
        gateway_before = lt.proc_cpu_seconds(process.pid)
        postgres_before = lt.postgres_cpu_seconds()
        while int(lt.psql(DATABASE, queue_query)) > LEFT_WHEN_DONE:
            time.sleep(0.5)
        wall = time.time() - started
        gateway = lt.proc_cpu_seconds(process.pid) - gateway_before
        postgres = lt.postgres_cpu_seconds() - postgres_before
        sent = count("status IN ('sent', 'delivered', 'undelivered')") - sent_before
        lt.log(f"{label}: {sent / wall:.0f} sent/s over {wall:.1f} s; gateway {gateway / wall:.2f}"
               f" cores, {1e6 * gateway / sent:.0f} µs per message; PostgreSQL"
               f" {postgres / wall:.2f} cores, {1e6 * postgres / sent:.0f} µs per message")
    finally:
        lt.stop(process)


def main():
    builds = os.environ.get("BUILDS", f"main={lt.ROOT / 'target' / 'tern.jar'}").split()
    lt.OUT.mkdir(parents=True, exist_ok=True)
    try:
        for build in builds:
            label, jar = build.split("=", 1)
            measure(label, jar)
    finally:
        lt.stop_all()


if __name__ == "__main__":
    sys.exit(main())
