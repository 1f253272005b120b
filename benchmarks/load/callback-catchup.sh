#!/usr/bin/env bash
# A receiver comes back after an outage: how long until its waiting callbacks arrive?
# Builds the gateway (installed to ~/.m2, tests skipped) and the benchmarks module, then runs
# io.tern.bench.CallbackCatchUp: MESSAGES (default 1000) messages whose StatusCallback points at
# a closed port on 127.0.0.1, a receiver started there DOWN_SECONDS (default 60) later, and the
# time from its start to the last waiting callback and to all callbacks. The gateway runs on the
# PostgreSQL at 127.0.0.1:5432 (database test) in a fresh schema, dropped at the end.
# Everything listens on and talks to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."
MESSAGES="${MESSAGES:-1000}"
DOWN_SECONDS="${DOWN_SECONDS:-60}"
SCHEMA="callback_catchup_$(date +%s)"

mvn -q -Dmaven.test.skip=true install
mvn -q -f benchmarks/pom.xml package

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)"
trap 'psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true' EXIT
TERN_DATABASE_SCHEMA="$SCHEMA" java -cp benchmarks/target/benchmarks.jar io.tern.bench.CallbackCatchUp \
  "$MESSAGES" "$DOWN_SECONDS"
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
