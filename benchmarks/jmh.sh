#!/usr/bin/env bash
# Builds the gateway (installed to ~/.m2, tests skipped) and the benchmarks module, then runs the
# JMH micro-benchmarks. Arguments go to JMH: a regular expression selects benchmarks
# (benchmarks/jmh.sh ShardScheduler), -l lists them, -h shows JMH's options.
# Results: benchmarks/results/jmh.txt (human) and jmh.json (machine), unless arguments are given
# (a partial run does not overwrite the committed results; pass -rf/-rff yourself to keep one).
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -Dmaven.test.skip=true install
mvn -q -f benchmarks/pom.xml package

machine() {
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), $(free -g | awk '/Mem:/ {print $2}') GiB," \
    "$(java -version 2>&1 | sed -n 2p), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

if [ "$#" -eq 0 ]; then
  mkdir -p benchmarks/results
  {
    machine
    java -jar benchmarks/target/benchmarks.jar -rf json -rff benchmarks/results/jmh.json
    machine
  } | tee benchmarks/results/jmh.txt
else
  java -jar benchmarks/target/benchmarks.jar "$@"
fi
