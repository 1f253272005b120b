#!/usr/bin/env bash
# Tern's load test, one command: benchmarks/load/run.sh
#
# Installs what it needs if missing (wrk, gnuplot, the PostgreSQL client; Debian packages),
# starts PostgreSQL at 127.0.0.1:5432 if it is down, builds the gateway and the benchmarks jar,
# then runs loadtest.py: the bare Vert.x ceiling, Tern in memory and on PostgreSQL (accept path,
# store check), and the whole-path scenario. Everything listens on and talks to 127.0.0.1 only,
# and every run is bounded in time (about 8 minutes in all with the defaults).
# Settings are environment variables, listed at the top of loadtest.py
# (e.g. DURATION=5 CONNECTIONS="8 32" SCENARIOS=accept benchmarks/load/run.sh for a quick look).
set -euo pipefail
cd "$(dirname "$0")/../.."

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v gnuplot >/dev/null || need+=(gnuplot-nox)
command -v psql >/dev/null || need+=(postgresql-client)
command -v python3 >/dev/null || need+=(python3)
command -v jstat >/dev/null || need+=(openjdk-17-jdk-headless)
if [[ " ${SCENARIOS:-} " == *" kannel "* ]]; then
  [ -x /usr/sbin/bearerbox ] || need+=(kannel)
  [ -x /usr/lib/kannel/test/fakesmsc ] || need+=(kannel-extras)
fi
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
fi

echo "building the gateway and the benchmarks"
mvn -q -Dmaven.test.skip=true install
mvn -q -f benchmarks/pom.xml package

exec python3 benchmarks/load/loadtest.py
