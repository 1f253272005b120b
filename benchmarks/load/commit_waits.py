#!/usr/bin/env python3
"""Where a durable accept waits: the insert session's time in PostgreSQL, and the WAL per accept.

On this machine Tern on PostgreSQL leaves about a third of the cores idle at its highest rate,
and a second insert batch in flight does not raise the rate. This shows why: one gateway on
PostgreSQL (dispatch off), warmed by wrk for WARM seconds (default 40), then one SECONDS
(default 15) wrk run at each of CONNECTIONS (default "128 32"). During each run a session of
its own samples pg_stat_activity every few milliseconds; afterwards it prints the share of
samples in which an insert was running, by wait event (none is CPU, IO/WALSync the commit's
flush), and in which none was (PostgreSQL waiting for the gateway's next batch), and from
pg_stat_wal the WAL records and bytes per accept and the accepts per WAL flush.

  python3 benchmarks/load/commit_waits.py

Uses loadtest.py's helpers (GATEWAY_JAR as there); never run it beside another measurement.
"""
import os
import threading

import loadtest as lt  # beside this script, which puts its directory first on sys.path

WARM = int(os.environ.get("WARM", "40"))
SECONDS = int(os.environ.get("SECONDS", "15"))
CONNECTIONS = [int(c) for c in os.environ.get("CONNECTIONS", "128 32").split()]
DATABASE = "tern_commit_waits"
SAMPLES = "tern_commit_wait_samples"
# pg_stat_activity is read from a snapshot kept for the transaction: cleared at each sample.
SAMPLER = f"""DO $$ BEGIN
  FOR i IN 1..{SECONDS * 300} LOOP
    PERFORM pg_stat_clear_snapshot();
    INSERT INTO {SAMPLES} SELECT %(run)s, i, pid, state, wait_event_type, wait_event, query
      FROM pg_stat_activity WHERE datname = '{DATABASE}';
    PERFORM pg_sleep(0.003);
  END LOOP;
END $$"""


def wal():
    row = lt.psql("postgres", "SELECT wal_records, wal_bytes, wal_sync FROM pg_stat_wal")
    return [float(x) for x in row.strip().split("|")]


def insert_waits(run):
    """Per sample, what the insert sessions were doing (one connection since the inserts have
    their own; before, several of the write pool's took turns): active in an insert, by wait
    event (none is CPU), or none of them active (waiting for the gateway's next batch)."""
    return lt.psql("postgres", f"""
        WITH tick AS (
          SELECT tick, min(CASE WHEN state = 'active'
                                THEN coalesce(wait_type || '/' || wait_event, 'CPU') END) AS doing
          FROM {SAMPLES} WHERE run = {run} AND query LIKE 'WITH inserted AS%' GROUP BY tick)
        SELECT coalesce('active ' || doing, 'none active'),
               round(100.0 * count(*) / sum(count(*)) OVER (), 1)
        FROM tick GROUP BY 1 ORDER BY 2 DESC""")


def main():
    lt.OUT.mkdir(parents=True, exist_ok=True)
    lt.fresh_database(DATABASE)
    lt.psql("postgres", f"DROP TABLE IF EXISTS {SAMPLES}",
            f"CREATE TABLE {SAMPLES} (run int, tick int, pid int, state text, wait_type text,"
            " wait_event text, query text)")
    process = None
    try:
        process, port = lt.start_tern("commit-waits", "pg", DATABASE, lt.NO_DISPATCH)
        lt.register_senders(port, lt.SENDERS)
        sids = lt.OUT / "sids-commit-waits.txt"
        lt.wrk("commit-waits", port, 128, WARM, "warm", sids, pid=process.pid)
        for run, connections in enumerate(CONNECTIONS):
            sampler = threading.Thread(
                target=lambda: lt.psql("postgres", SAMPLER % {"run": run}))
            before = wal()
            sampler.start()
            result = lt.wrk("commit-waits", port, connections, SECONDS, "max", sids,
                            pid=process.pid)
            after = wal()
            sampler.join()
            created = result["created"]
            records, size, flushes = (a - b for a, b in zip(after, before))
            print(f"c={connections}: {result['accepted_per_s']:.0f} accepted/s; per accept "
                  f"{records / created:.2f} WAL records, {size / created:.0f} WAL bytes; "
                  f"{created / max(flushes, 1):.1f} accepts per WAL flush "
                  f"({flushes / result['seconds']:.0f} flushes a second)", flush=True)
            print("  samples, %, by what the insert sessions were doing:", flush=True)
            for line in insert_waits(run).strip().splitlines():
                what, share = line.split("|")
                print(f"    {share:>5}  {what}", flush=True)
    finally:
        if process:
            lt.stop(process)
        lt.psql("postgres", f"DROP TABLE IF EXISTS {SAMPLES}",
                f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


if __name__ == "__main__":
    main()
