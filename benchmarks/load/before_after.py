#!/usr/bin/env python3
"""Before/after table and chart from two runs of the accept scenario (loadtest.py's load.json).

  python3 benchmarks/load/before_after.py BEFORE.json AFTER.json CHART.png

Prints a Markdown table: for each server of either run (the bare Vert.x ceiling, Kannel, Tern
on each store), the accepted rate at each connection count, the half-rate run's p99, and the CPU
per accepted message of its best maximum-rate run, split into the server's and PostgreSQL's.
Draws CHART.png with gnuplot: accepted/s at the highest connection count, and the CPU split.
Kannel is the same in either run (it does not change with Tern's build): it is labelled "peer".
"bare" and "bare-after" are the Vert.x ceiling measured before and after Tern in each run.
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ORDER = ["bare", "kannel-none", "kannel-spool", "tern-memory", "tern-pg", "bare-after"]


def load(path):
    runs = json.loads(Path(path).read_text())["runs"]
    by_server = {}
    for run in runs:
        if run["kind"] in ("max", "half"):
            by_server.setdefault(run["server"], []).append(run)
    return by_server


def best(runs):
    maxima = [r for r in runs if r["kind"] == "max"]
    return max(maxima, key=lambda r: r["accepted_per_s"]) if maxima else None


def cpu_us(run):
    """Microseconds of CPU per accepted message: (server, PostgreSQL)."""
    rate = run["accepted_per_s"]
    cores = run["cpu_cores"]
    server = cores["server"] if cores["server"] is not None else 0.0
    return 1e6 * server / rate, 1e6 * cores["postgres"] / rate


def rows(label, by_server, connections):
    out = []
    for server in ORDER:
        runs = by_server.get(server)
        if not runs:
            continue
        rates = []
        for c in connections:
            match = [r for r in runs if r["kind"] == "max" and r["connections"] == c]
            rates.append(f"{match[0]['accepted_per_s']:,.0f}" if match else "")
        half = [r for r in runs if r["kind"] == "half"]
        p99 = f"{half[0]['p99_ms']:.1f} ms at {half[0]['accepted_per_s']:,.0f}/s" if half else ""
        top = best(runs)
        server_us, pg_us = cpu_us(top)
        # Kannel does not change with Tern's build: it is the same peer in either run.
        out.append((server, "peer" if server.startswith("kannel") else label, rates, p99,
                    server_us, pg_us))
    return out


def main():
    before_path, after_path, chart = sys.argv[1:4]
    before, after = load(before_path), load(after_path)
    connections = sorted({r["connections"] for runs in (*before.values(), *after.values())
                          for r in runs if r["kind"] == "max"})
    table = rows("before", before, connections) + rows("after", after, connections)
    table.sort(key=lambda row: (ORDER.index(row[0]), row[1] != "before"))
    print("| server | build | " + " | ".join(f"c={c} accepted/s" for c in connections)
          + " | p99 at half rate | CPU µs per message: server + PostgreSQL = total |")
    print("|---|---|" + "---:|" * len(connections) + "---:|---:|")
    for server, label, rates, p99, server_us, pg_us in table:
        print(f"| {server} | {label} | " + " | ".join(rates)
              + f" | {p99} | {server_us:.0f} + {pg_us:.0f} = {server_us + pg_us:.0f} |")
    draw(table, connections[-1], chart)


def draw(table, connections, chart):
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.tsv"
        lines = []
        for server, label, rates, _, server_us, pg_us in table:
            rate = rates[-1].replace(",", "") or "0"
            lines.append(f'"{server}\\n{label}"\t{rate}\t{server_us:.1f}\t{pg_us:.1f}')
        data.write_text("\n".join(lines) + "\n")
        script = f"""
set terminal pngcairo size 1400,520 font ',10'
set output '{chart}'
set multiplot layout 1,2
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.8
set xtics rotate by -35 scale 0
set grid ytics
unset key
set title 'Accepted messages per second, {connections} connections'
set style histogram rowstacked
plot '{data}' using 2:xtic(1) title 'accepted/s' lc rgb '#4477aa'
set title 'CPU per accepted message (µs), best maximum-rate run'
set key top left
set style histogram rowstacked
plot '{data}' using 3:xtic(1) title 'server (gateway, Kannel or bare)' lc rgb '#4477aa', \\
     '' using 4 title 'PostgreSQL' lc rgb '#ee6677'
unset multiplot
"""
        subprocess.run(["gnuplot"], input=script, text=True, check=True)


if __name__ == "__main__":
    main()
