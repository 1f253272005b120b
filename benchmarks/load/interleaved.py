#!/usr/bin/env python3
"""Two or more builds' accept path compared in alternating runs, all gateways up at once.

On this shared 2-core machine the speed moves by a quarter within minutes, so a pair of load
tests run one after the other (before, then after) measures the machine as much as the change.
Here every build runs at once, each on its own database (tern_ab_<name>) with 1,000 senders,
warmed by wrk for WARM seconds (default 60); then ROUNDS rounds (default 6) of one SECONDS
(default 15) wrk run per build at C connections (default 128), the order reversed each round.
Each run gives accepted/s and CPU per accept (the gateway's and PostgreSQL's, from /proc); the
medians per build come last, with every run's rate/total µs.

Dispatch is off (senders at 0.001 messages a second, queues unbounded) unless DISPATCH=1: the
builds that wait would otherwise dispatch beside the one measured. STORE=memory compares the
in-memory store. PG_PORTS="name=port ..." gives a build its own PostgreSQL server (another
cluster on this machine, to compare settings with one jar given twice); the CPU counted as
PostgreSQL's is every postgres process's, of both clusters. DB_LOCALES="name=C ..." makes a
build's database with that locale instead of the cluster's default. ENV_OF="name=K=V,K2=V2
..." sets environment variables (values without spaces) for a build's gateway: its
configuration (TERN_...) or, through JAVA_TOOL_OPTIONS, one JVM option, to compare settings
with one jar given twice. The absolute figures run higher than a lone gateway's (two JVMs
share the cores); compare the builds with each other.

  BUILDS="before=/tmp/base/target/tern.jar after=target/tern.jar" \\
      python3 benchmarks/load/interleaved.py

Uses loadtest.py's helpers; never run it beside the load test.
"""
import os
import statistics
import sys
from pathlib import Path

import loadtest as lt  # beside this script, which puts its directory first on sys.path

BUILDS = [b.split("=", 1) for b in os.environ["BUILDS"].split()]
STORE = os.environ.get("STORE", "pg")
CONNECTIONS = int(os.environ.get("C", "128"))
ROUNDS = int(os.environ.get("ROUNDS", "6"))
WARM = int(os.environ.get("WARM", "60"))
SECONDS = int(os.environ.get("SECONDS", "15"))
PG_PORTS = dict(p.split("=", 1) for p in os.environ.get("PG_PORTS", "").split())
DB_LOCALES = dict(p.split("=", 1) for p in os.environ.get("DB_LOCALES", "").split())
ENV_OF = {name: dict(v.split("=", 1) for v in values.split(",")) for name, values in
          (p.split("=", 1) for p in os.environ.get("ENV_OF", "").split())}


def start(name, jar):
    lt.TERN_JAR = Path(jar).resolve()
    database = None
    pg_port = int(PG_PORTS.get(name, lt.PG_PORT))
    if STORE == "pg":
        database = f"tern_ab_{name}"
        lt.fresh_database(database, pg_port, DB_LOCALES.get(name))
    env = {} if os.environ.get("DISPATCH") else dict(lt.NO_DISPATCH)
    env.update(ENV_OF.get(name, {}))
    process, port = lt.start_tern("ab-" + name, STORE, database, env, pg_port)
    lt.register_senders(port, lt.SENDERS)
    return process, port


def run(name, gateway, kind, seconds):
    process, port = gateway
    return lt.wrk("ab-" + name, port, CONNECTIONS, seconds, kind, lt.OUT / f"sids-ab-{name}.txt",
                  pid=process.pid)


def main():
    lt.OUT.mkdir(parents=True, exist_ok=True)
    gateways = {}
    try:
        for name, jar in BUILDS:
            gateways[name] = start(name, jar)
        for name, _ in BUILDS:
            run(name, gateways[name], "warm", WARM)
        measured = {name: [] for name, _ in BUILDS}
        for round_number in range(ROUNDS):
            order = BUILDS if round_number % 2 == 0 else list(reversed(BUILDS))
            for name, _ in order:
                result = run(name, gateways[name], f"round{round_number}", SECONDS)
                rate = result["accepted_per_s"]
                cores = result["cpu_cores"]
                # A run that accepted nothing (a stall) costs infinitely much per accept: it is
                # kept, so the medians show it, and the rounds go on.
                per = (lambda share: 1e6 * share / rate) if rate else (lambda share: float("inf"))
                measured[name].append((rate, per(cores["server"]), per(cores["postgres"])))
        for name, _ in BUILDS:
            runs = measured[name]
            print(f"{name}: median {statistics.median(r[0] for r in runs):.0f} accepted/s, "
                  f"CPU µs per accept: gateway {statistics.median(r[1] for r in runs):.1f} + "
                  f"PostgreSQL {statistics.median(r[2] for r in runs):.1f} = "
                  f"{statistics.median(r[1] + r[2] for r in runs):.1f}; runs (accepted/s / µs): "
                  + " ".join(f"{r[0]:.0f}/{r[1] + r[2]:.0f}" for r in runs), flush=True)
    finally:
        for process, _ in gateways.values():
            lt.stop(process)


if __name__ == "__main__":
    main()
