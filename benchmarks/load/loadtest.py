#!/usr/bin/env python3
"""Tern's load test: accept path against a bare Vert.x ceiling, then the whole path.

Run through run.sh, which installs the tools and builds the jars first. Standard library only.
Every server it starts listens on 127.0.0.1 and every request goes there; every run is bounded
in time. Raw output goes to benchmarks/load/out/<time>/, the summary and charts to
benchmarks/results/.

Settings (environment, defaults in brackets):
  DURATION [15]            seconds of each measured wrk run
  WARMUP [10]              seconds of wrk warm-up per server (JIT; its 201s are checked too)
  CONNECTIONS [8 32 128]   connection counts of the maximum-rate runs
  PACED_CONNECTIONS [64]   connections of the half-rate run
  SENDERS [1000]           sender numbers registered and used (+1415555xxxx)
  DESTINATIONS [10000]     destinations used (+1212555xxxx)
  STORES [memory pg]       which Tern stores to load
  SCENARIOS [accept whole-path]   add "million" for the heap with 1,000,000 queued messages,
                           "kannel" for Kannel's sendsms (bearerbox + smsbox + fakesmsc) as
                           a peer to Tern's accept path
  KANNEL_STORES [none spool]   Kannel without a store, and with its spool store
  MILLION_SECONDS [180]    how long wrk fills the in-memory gateway in the million scenario
  WHOLE_SENDERS [1000], WHOLE_PER_SENDER [60]   the whole-path backlog
  WHOLE_DATABASE [tern_whole_path]   the database the whole path drops and creates (another
                           name lets two worktrees measure on one PostgreSQL without clashing)
  JAVA_OPTS [-Xmx2g]       JVM options of the gateway and the bare server
  MEMORY_JAVA_OPTS [-XX:MaxTenuringThreshold=0]   added for gateways on the in-memory store,
                           which keeps every message: survivors go straight to the old
                           generation instead of being copied at up to 15 young collections
"""

import base64
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = ROOT / "benchmarks" / "results"
# GATEWAY_JAR names another build for paired runs (an older commit's jar against the current
# one). Not TERN_*: the gateway refuses TERN_ variables that name no configuration key.
TERN_JAR = Path(os.environ.get("GATEWAY_JAR", ROOT / "target" / "tern.jar"))
BENCH_JAR = ROOT / "benchmarks" / "target" / "benchmarks.jar"
POST_LUA = HERE / "post.lua"

DURATION = int(os.environ.get("DURATION", "15"))
WARMUP = int(os.environ.get("WARMUP", "10"))
CONNECTIONS = [int(c) for c in os.environ.get("CONNECTIONS", "8 32 128").split()]
PACED_CONNECTIONS = int(os.environ.get("PACED_CONNECTIONS", "64"))
SENDERS = int(os.environ.get("SENDERS", "1000"))
DESTINATIONS = int(os.environ.get("DESTINATIONS", "10000"))
STORES = os.environ.get("STORES", "memory pg").split()
SCENARIOS = os.environ.get("SCENARIOS", "accept whole-path").split()
KANNEL_STORES = os.environ.get("KANNEL_STORES", "none spool").split()
WHOLE_SENDERS = int(os.environ.get("WHOLE_SENDERS", "1000"))
WHOLE_PER_SENDER = int(os.environ.get("WHOLE_PER_SENDER", "60"))
WHOLE_DATABASE = os.environ.get("WHOLE_DATABASE", "tern_whole_path")
JAVA_OPTS = os.environ.get("JAVA_OPTS", "-Xmx2g").split()
MEMORY_JAVA_OPTS = os.environ.get("MEMORY_JAVA_OPTS", "-XX:MaxTenuringThreshold=0").split()
WRK_THREADS = 2
US_LONG_CODE_RATE = 1.0

# Fixed main account for the gateways this script starts (never a real account).
ACCOUNT_SID = "AC" + "b" * 32
AUTH_TOKEN = "loadtest" + "0" * 24
AUTH_HEADER = "Basic " + base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
MESSAGES_PATH = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
PG_PORT = 5432


def psql_command(port=PG_PORT):
    return ["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-X", "-q", "-t", "-A"]


PG = psql_command()

# Senders held at 0.001 messages a second with unbounded queues: a gateway that accepts and
# never dispatches (measuring the accept path alone, or filling queues for later).
NO_DISPATCH = {"TERN_THROTTLE_RATES_US_CA_LONG_CODE": "0.001",
               "TERN_THROTTLE_MAX_QUEUE_SECONDS": "100000000"}

OUT = HERE / "out" / time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())


def log(text):
    print(f"[{time.strftime('%H:%M:%S')}] {text}", flush=True)


# ---------------------------------------------------------------- processes and ports

class Process:
    """A server this script started; stopped by its own pid only."""

    def __init__(self, name, cmd, env=None):
        self.name = name
        self.log_path = OUT / f"{name}.log"
        self.log_file = open(self.log_path, "w")
        self.popen = subprocess.Popen(cmd, env=env, stdout=self.log_file, stderr=subprocess.STDOUT,
                                      cwd=ROOT)
        self.pid = self.popen.pid

    def stop(self, grace=30):
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
            try:
                self.popen.wait(grace)
            except subprocess.TimeoutExpired:
                log(f"{self.name} did not stop within {grace} s: killing pid {self.pid}")
                self.popen.kill()
                self.popen.wait()
        self.log_file.close()


STARTED = []


def start(name, cmd, env=None, port=None, timeout=90):
    process = Process(name, cmd, env)
    STARTED.append(process)
    deadline = time.time() + timeout
    while time.time() < deadline:
        if process.popen.poll() is not None:
            raise SystemExit(f"{name} exited at start; see {process.log_path}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{name} did not listen on {port} within {timeout} s; see {process.log_path}")


def stop(process):
    process.stop()
    if process in STARTED:
        STARTED.remove(process)


def stop_all():
    while STARTED:
        STARTED.pop().stop()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---------------------------------------------------------------- gateway and store

def psql(database, *sql, variables=None, port=PG_PORT):
    cmd = psql_command(port) + ["-d", database, "-v", "ON_ERROR_STOP=1"]
    for name, value in (variables or {}).items():
        cmd += ["-v", f"{name}={value}"]
    for statement in sql:
        cmd += ["-c", statement]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def psql_file(database, path, variables=None):
    cmd = PG + ["-d", database, "-v", "ON_ERROR_STOP=1", "-f", str(path)]
    for name, value in (variables or {}).items():
        cmd += ["-v", f"{name}={value}"]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def queue_count_query(database):
    """The query counting queued and sending messages, through what the running build's schema
    indexes them by: the queued_message table (migration V11 on), else message's partial queue
    index. A count over message's status alone would scan the table, the load of the
    measurement. Ask once the gateway has migrated the database, then poll with the query."""
    if psql(database, "SELECT to_regclass('tern.queued_message') IS NOT NULL") == "t":
        return "SELECT count(*) FROM tern.queued_message"
    return "SELECT count(*) FROM tern.message WHERE status IN ('queued','sending')"


def fresh_database(name, port=PG_PORT, locale=None):
    """A new, empty database; with locale, made with that locale (collation and character
    classes) instead of the cluster's default."""
    create = f"CREATE DATABASE {name}"
    if locale:
        create += f" TEMPLATE template0 LOCALE '{locale}'"
    psql("postgres", f"DROP DATABASE IF EXISTS {name}", create, port=port)


def start_tern(name, store, database=None, extra_env=None, pg_port=PG_PORT):
    port = free_port()
    env = dict(os.environ)
    env.update({
        "TERN_HTTP_HOST": "127.0.0.1",
        "TERN_HTTP_PORT": str(port),
        "TERN_ACCOUNT_SID": ACCOUNT_SID,
        "TERN_AUTH_TOKEN": AUTH_TOKEN,
    })
    if store == "pg":
        env["TERN_DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:{pg_port}/{database}"
        env["TERN_DATABASE_SCHEMA"] = "tern"
    else:
        env.pop("TERN_DATABASE_URL", None)
    env.update(extra_env or {})
    store_opts = MEMORY_JAVA_OPTS if store == "memory" else []
    process = start(name, ["java", *JAVA_OPTS, *store_opts, *gc_log(name), "-jar", str(TERN_JAR)],
                    env=env,
                    port=port)
    return process, port


def gc_log(name):
    return [f"-Xlog:gc:file={OUT / (name + '-gc.log')}"]


def gc_pauses(name):
    """Stop-the-world pauses in a server's GC log: count, longest and total, in ms."""
    path = OUT / f"{name}-gc.log"
    if not path.exists():
        return None
    pauses = [float(m.group(1)) for m in re.finditer(r"Pause .*? (\d+\.\d+)ms", path.read_text())]
    return {"count": len(pauses), "max_ms": round(max(pauses), 1) if pauses else 0,
            "total_ms": round(sum(pauses), 1)}


def api(port, method, path, form=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = urllib.parse.urlencode(form) if form else None
    headers = {"Authorization": AUTH_HEADER}
    if body:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def register_senders(port, count):
    """Registers +1415555xxxx numbers on the main account through the API, one connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    path = f"/2010-04-01/Accounts/{ACCOUNT_SID}/IncomingPhoneNumbers.json"
    started = time.time()
    for n in range(count):
        body = urllib.parse.urlencode({"PhoneNumber": f"+1415555{n:04d}"})
        connection.request("POST", path, body=body, headers={
            "Authorization": AUTH_HEADER, "Content-Type": "application/x-www-form-urlencoded"})
        response = connection.getresponse()
        data = response.read()
        if response.status != 201:
            raise SystemExit(f"registering +1415555{n:04d}: {response.status} {data[:300]!r}")
    connection.close()
    log(f"registered {count} senders in {time.time() - started:.1f} s")


def listed_sids(port):
    """Every message sid the API lists for the account, paging with PageSize=1000."""
    sids = set()
    path = MESSAGES_PATH + "?PageSize=1000"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while path:
        connection.request("GET", path, headers={"Authorization": AUTH_HEADER})
        response = connection.getresponse()
        page = json.loads(response.read())
        if response.status != 200:
            raise SystemExit(f"listing messages: {response.status} {page}")
        sids.update(m["sid"] for m in page["messages"])
        path = page.get("next_page_uri")
    connection.close()
    return sids


def stat_cpu(stat_path):
    """(name, CPU seconds: user + system) from a /proc .../stat file, or None once it is gone."""
    try:
        text = Path(stat_path).read_text()
    except OSError:
        return None
    # The name sits in parentheses and may hold spaces or parentheses itself.
    name = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 1:].split()
    return name, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_cpu_seconds(pid):
    return stat_cpu(f"/proc/{pid}/stat")[1]


GC_THREADS = ("GC Thread", "G1 ")  # HotSpot's names: GC Thread#0, G1 Conc#0, G1 Refine#0...


def gc_cpu_seconds(pid):
    """CPU of a JVM's garbage collector threads (parallel, concurrent marking, refinement)."""
    threads = (stat_cpu(stat) for stat in Path(f"/proc/{pid}/task").glob("*/stat"))
    return sum(seconds for name, seconds in filter(None, threads) if name.startswith(GC_THREADS))


def postgres_cpu_seconds():
    """CPU of every PostgreSQL process (the server is shared: other databases' work counts)."""
    return sum(postgres_cpu_by_process().values())


def postgres_cpu_by_process():
    """CPU seconds of each PostgreSQL process, by pid."""
    cpu = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        read = stat_cpu(stat)
        if read and read[0] == "postgres":
            cpu[int(stat.parent.name)] = read[1]
    return cpu


def machine_busy_seconds():
    """CPU seconds all processes of the machine spent busy (not idle or waiting on I/O)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return (sum(values[:8]) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- wrk

RUNS = []


def wrk(server, port, connections, seconds, kind, sids_file, pace_rate=None, pid=None,
        pids=None, path=MESSAGES_PATH, extra_env=None):
    """One wrk run; pids (all of a peer's processes) replaces pid where a server is several."""
    pids = pids or ([pid] if pid else [])
    env = dict(os.environ)
    env.update(extra_env or {})
    env.update({
        "TERN_PATH": path,
        "TERN_AUTH": AUTH_HEADER,
        "SENDERS": str(SENDERS),
        "DESTINATIONS": str(DESTINATIONS),
        "SIDS_OUT": str(sids_file),
        "THREADS": str(WRK_THREADS),
    })
    if pace_rate:
        env["PACE_RATE"] = f"{pace_rate:.1f}"
    cmd = ["wrk", "-t", str(WRK_THREADS), "-c", str(connections), "-d", f"{seconds}s",
           "--timeout", "10s", "-s", str(POST_LUA), f"http://127.0.0.1:{port}{path}"]
    before = (time.time(), sum(proc_cpu_seconds(p) for p in pids), postgres_cpu_seconds(),
              machine_busy_seconds(), os.times(), sum(gc_cpu_seconds(p) for p in pids))
    output = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True).stdout
    after = (time.time(), sum(proc_cpu_seconds(p) for p in pids), postgres_cpu_seconds(),
             machine_busy_seconds(), os.times(), sum(gc_cpu_seconds(p) for p in pids))
    wall = after[0] - before[0]
    cores = {
        "server": round((after[1] - before[1]) / wall, 2) if pids else None,
        # Part of "server": a Java server's collector threads (none for Kannel's processes).
        "server_gc": round((after[5] - before[5]) / wall, 2) if pids else None,
        # Backends that exit during the run take their CPU with them: never below zero.
        "postgres": round(max(0.0, after[2] - before[2]) / wall, 2),
        "wrk": round((after[4].children_user + after[4].children_system
                      - before[4].children_user - before[4].children_system) / wall, 2),
        "machine": round((after[3] - before[3]) / wall, 2),
    }
    (OUT / f"wrk-{server}-{kind}-c{connections}.txt").write_text(output)
    line = next(l for l in output.splitlines() if l.startswith("RESULT "))
    result = json.loads(line[len("RESULT "):])
    seconds_measured = result["duration_us"] / 1e6
    run = {
        "server": server,
        "kind": kind,
        "connections": connections,
        "pace_rate": pace_rate,
        "seconds": round(seconds_measured, 2),
        "accepted_per_s": round(result["created"] / seconds_measured, 1),
        "created": result["created"],
        "other_status": result["other_status"],
        "other_statuses": result["other_statuses"],
        "socket_errors": sum(result["errors"].values()),
        "errors": result["errors"],
        "p50_ms": result["latency_us"]["p50"] / 1000,
        "p90_ms": result["latency_us"]["p90"] / 1000,
        "p99_ms": result["latency_us"]["p99"] / 1000,
        "p999_ms": result["latency_us"]["p999"] / 1000,
        "max_ms": result["latency_us"]["max"] / 1000,
        "cpu_cores": cores,
    }
    RUNS.append(run)
    log(f"{server} {kind} c={connections}: {run['accepted_per_s']:.0f} accepted/s, "
        f"p50 {run['p50_ms']:.2f} ms, p99 {run['p99_ms']:.2f} ms, p99.9 {run['p999_ms']:.2f} ms, "
        f"other statuses {run['other_status']}, socket errors {run['socket_errors']}, "
        f"cores {cores}")
    return run


def max_rate_series(server, port, sids_file, pid, **target):
    wrk(server, port, 32, WARMUP, "warmup", sids_file, pid=pid, **target)
    return [wrk(server, port, c, DURATION, "max", sids_file, pid=pid, **target)
            for c in CONNECTIONS]


def count_lines(path):
    if not path.exists():
        return 0
    with open(path) as f:
        return sum(1 for line in f if line.strip())


# ---------------------------------------------------------------- accept path

CHECKS = {}
GC = {}


def bare_ceiling(name):
    port = free_port()
    bare = start(name, ["java", *JAVA_OPTS, *gc_log(name), "-cp", str(BENCH_JAR),
                        "io.tern.bench.BareServer", str(port)], port=port)
    max_rate_series(name, port, OUT / f"sids-{name}.txt", bare.pid)
    stop(bare)
    GC[name] = gc_pauses(name)


def accept_path():
    # The bare ceiling before and after Tern, with nothing else of ours running while it is
    # measured; the ratio uses the mean of the two, so a machine whose load drifts during the
    # run shows as a gap between them rather than as a skewed ratio.
    bare_ceiling("bare")
    for store in STORES:
        server = f"tern-{store}"
        database = "tern_load" if store == "pg" else None
        if database:
            fresh_database(database)
        process, port = start_tern(server, store, database)
        register_senders(port, SENDERS)
        sids_file = OUT / f"sids-{server}.txt"
        runs = max_rate_series(server, port, sids_file, process.pid)
        best = max(run["accepted_per_s"] for run in runs)
        wrk(server, port, PACED_CONNECTIONS, DURATION, "half", sids_file, pace_rate=best / 2,
            pid=process.pid)
        time.sleep(2)  # let requests cut off by wrk's end finish their commit
        CHECKS[server] = check_store(store, port, database, sids_file)
        stop(process)
        GC[server] = gc_pauses(server)
    bare_ceiling("bare-after")


# ---------------------------------------------------------------- Kannel, the peer

KANNEL_USER = "tern"
KANNEL_PASSWORD = "loadtest"


def kannel_config(store, ports):
    """bearerbox and smsbox read one file: each takes its own groups. Everything on 127.0.0.1."""
    spool = OUT / f"kannel-{store}-spool"
    store_lines = (f"store-type = spool\nstore-location = \"{spool}\"\n"
                   if store == "spool" else "")
    if store == "spool":
        spool.mkdir(parents=True, exist_ok=True)
    return f"""group = core
admin-port = {ports['admin']}
admin-interface = 127.0.0.1
admin-password = loadtest
admin-allow-ip = 127.0.0.1
smsbox-port = {ports['smsbox']}
smsbox-interface = 127.0.0.1
box-allow-ip = 127.0.0.1
log-level = 4
{store_lines}
group = smsc
smsc = fake
smsc-id = fake
host = 127.0.0.1
port = {ports['smsc']}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {ports['smsbox']}
sendsms-port = {ports['sendsms']}
sendsms-interface = 127.0.0.1
sendsms-chars = "0123456789 +-"
log-level = 4

group = sendsms-user
username = {KANNEL_USER}
password = {KANNEL_PASSWORD}
max-messages = 1

group = sms-service
keyword = default
text = "ok"
"""


def kannel():
    """Kannel 1.4.5's sendsms, the same wrk settings: without a store, and with its spool store.

    A 202 from smsbox means bearerbox has queued the message (and, with a store, written it);
    fakesmsc takes every message as the carrier would. Its output is not kept."""
    for binary in ("/usr/sbin/bearerbox", "/usr/sbin/smsbox", "/usr/lib/kannel/test/fakesmsc"):
        if not Path(binary).exists():
            raise SystemExit(f"{binary} is missing: run through run.sh, which installs Kannel")
    for store in KANNEL_STORES:
        server = f"kannel-{store}"
        ports = {name: free_port() for name in ("admin", "smsbox", "smsc", "sendsms")}
        conf = OUT / f"{server}.conf"
        conf.write_text(kannel_config(store, ports))
        bearerbox = start(f"{server}-bearerbox", ["/usr/sbin/bearerbox", "-v", "4", str(conf)],
                          port=ports["admin"])
        smsbox = start(f"{server}-smsbox", ["/usr/sbin/smsbox", "-v", "4", str(conf)], port=ports["sendsms"])
        # fakesmsc prints every message it takes: thrown away, not logged (gigabytes a run).
        fakesmsc = Process(f"{server}-fakesmsc", ["sh", "-c",
                           f"exec /usr/lib/kannel/test/fakesmsc -H 127.0.0.1 -r {ports['smsc']}"
                           " -m 0 '1 2 text x' >/dev/null 2>&1"])
        STARTED.append(fakesmsc)
        time.sleep(2)
        target = {"pids": [bearerbox.pid, smsbox.pid, fakesmsc.pid], "path": "/cgi-bin/sendsms",
                  "extra_env": {"KANNEL_USER": KANNEL_USER, "KANNEL_PASSWORD": KANNEL_PASSWORD}}
        sids_file = OUT / f"sids-{server}.txt"
        runs = max_rate_series(server, ports["sendsms"], sids_file, None, **target)
        best = max(run["accepted_per_s"] for run in runs)
        wrk(server, ports["sendsms"], PACED_CONNECTIONS, DURATION, "half", sids_file,
            pace_rate=best / 2, **target)
        for process in (fakesmsc, smsbox, bearerbox):
            stop(process)


def check_store(store, port, database, sids_file):
    """Every 201 the load test received must be a stored message: none missing."""
    received = [line.strip() for line in open(sids_file) if line.strip()]
    distinct = set(received)
    if store == "pg":
        psql(database, "CREATE TABLE IF NOT EXISTS public.received_201 (sid text)",
             "TRUNCATE public.received_201")
        subprocess.run(PG + ["-d", database, "-c",
                             f"\\copy public.received_201 (sid) FROM '{sids_file}'"],
                       check=True, capture_output=True)
        rows = int(psql(database, "SELECT count(*) FROM tern.message"))
        missing = int(psql(database,
                           "SELECT count(*) FROM public.received_201 r WHERE NOT EXISTS "
                           "(SELECT 1 FROM tern.message m WHERE m.sid = r.sid)"))
        how = "psql: SELECT count(*) FROM message, and an anti-join of the 201s' sids on it"
    else:
        stored = listed_sids(port)
        rows = len(stored)
        missing = len(distinct - stored)
        how = "API: every page of Messages.json?PageSize=1000, sids compared with the 201s'"
    check = {
        "store": store,
        "responses_201": len(received),
        "distinct_sids": len(distinct),
        "stored_messages": rows,
        "missing": missing,
        "stored_without_201": rows - len(distinct),
        "how": how,
    }
    log(f"store check {store}: {check}")
    return check


# ---------------------------------------------------------------- whole path

WHOLE = {}


def has_callbacks():
    with zipfile.ZipFile(TERN_JAR) as jar:
        return any(name.startswith("io/tern/callback/") for name in jar.namelist())


def whole_path():
    """1,000 senders with backlog through the simulated carrier, with status callbacks.

    Fill: the gateway runs with US long codes at 0.001 segment/s (and a queue cap raised to
    match), so the backlog builds however fast or slow the machine accepts. Drain: the gateway
    restarts on the same database at the configured 1 segment/s; restart recovery loads every
    sender's queue from the store, so from the restart on all senders have a backlog at once, and
    the pacing, callbacks, heap and CPU of the drain are what is measured.
    """
    database = WHOLE_DATABASE
    fresh_database(database)
    callbacks_built = has_callbacks()
    receiver_port = free_port()
    callbacks_file = OUT / "callbacks.tsv"
    receiver = start("callback-receiver", ["java", "-Xmx512m", "-cp", str(BENCH_JAR),
                                           "io.tern.bench.CallbackReceiver", str(receiver_port),
                                           str(callbacks_file)], port=receiver_port)
    common = {"TERN_OUTBOUND_ALLOW_LOOPBACK": "true"}
    fill, port = start_tern("tern-whole-path-fill", "pg", database, dict(common, **NO_DISPATCH))
    register_senders(port, WHOLE_SENDERS)
    total = WHOLE_SENDERS * WHOLE_PER_SENDER
    log(f"whole path: posting {total} messages ({WHOLE_PER_SENDER} per sender)")
    started = time.time()
    poster = subprocess.run(
        ["java", "-cp", str(BENCH_JAR), "io.tern.bench.BacklogPoster",
         f"http://127.0.0.1:{port}", ACCOUNT_SID, AUTH_TOKEN, str(WHOLE_SENDERS),
         str(WHOLE_PER_SENDER), "64", f"http://127.0.0.1:{receiver_port}/status"],
        check=True, capture_output=True, text=True)
    posted = json.loads(poster.stdout.strip().splitlines()[-1])
    posting_seconds = time.time() - started
    log(f"whole path: posted {posted}")
    stop(fill)

    restart = time.time()
    since = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(restart)) + "+00"
    drain, port = start_tern("tern-whole-path-drain", "pg", database, dict(common, **{
        "TERN_THROTTLE_RATES_US_CA_LONG_CODE": str(US_LONG_CODE_RATE)}))
    listening = time.time()
    jstat = _Adopted("jstat", subprocess.Popen(
        ["jstat", "-gc", str(drain.pid), "1000"],
        stdout=open(OUT / "whole-path-jstat.txt", "w"), stderr=subprocess.STDOUT))
    STARTED.append(jstat)
    cpu = [(time.time(), proc_cpu_seconds(drain.pid))]
    deadline = listening + WHOLE_PER_SENDER / US_LONG_CODE_RATE * 1.5 + 30
    mid_drain = listening + WHOLE_PER_SENDER / US_LONG_CODE_RATE / 2
    heap_info = None
    waiting = None
    queue_query = queue_count_query(database)
    while time.time() < deadline:
        time.sleep(1)
        cpu.append((time.time(), proc_cpu_seconds(drain.pid)))
        if heap_info is None and time.time() >= mid_drain:
            heap_info = subprocess.run(["jcmd", str(drain.pid), "GC.heap_info"],
                                       capture_output=True, text=True).stdout
            (OUT / "whole-path-heap-info.txt").write_text(heap_info)
        waiting = int(psql(database, queue_query))
        if waiting == 0:
            break
    drained_at = time.time()
    # Delivery reports come 0.5 s after sent, and their callbacks after that.
    time.sleep(3)
    expected_callbacks = int(psql(database, "SELECT count(*) FROM tern.status_callback"))
    if callbacks_built:
        callback_deadline = time.time() + 30
        while time.time() < callback_deadline and count_lines(callbacks_file) < expected_callbacks:
            time.sleep(1)
    stop(jstat)
    stop(drain)
    stop(receiver)

    rates = json.loads(psql_file(database, HERE / "rates.sql", {
        "rate": US_LONG_CODE_RATE, "schema": "tern", "since": f"'{since}'"}))
    callbacks = callback_figures(database, callbacks_file, callbacks_built, expected_callbacks)
    # CPU of the steady drain: from 5 s after the restart (start-up and recovery done) to the
    # first second in which a sender may have run dry.
    steady = [(t, c) for t, c in cpu
              if listening + 5 <= t <= listening + WHOLE_PER_SENDER / US_LONG_CODE_RATE - 2]
    WHOLE.clear()
    WHOLE.update({
        "senders": WHOLE_SENDERS,
        "per_sender": WHOLE_PER_SENDER,
        "configured_rate": US_LONG_CODE_RATE,
        "posting": posted,
        "posting_seconds": round(posting_seconds, 1),
        "restart_to_listening_seconds": round(listening - restart, 1),
        "drain_seconds": round(drained_at - listening, 1),
        "still_waiting_at_deadline": waiting,
        "cpu_cores_steady_drain": round((steady[-1][1] - steady[0][1]) / (steady[-1][0] - steady[0][0]), 2)
        if len(steady) > 1 else None,
        "cpu_cores_whole_drain": round((cpu[-1][1] - cpu[0][1]) / (cpu[-1][0] - cpu[0][0]), 2),
        "heap": heap_from_jstat(OUT / "whole-path-jstat.txt"),
        "heap_info_mid_drain": heap_summary(heap_info),
        "gc_pauses_drain": gc_pauses("tern-whole-path-drain"),
        "rates": rates,
        "callbacks": callbacks,
    })
    log(f"whole path: {json.dumps(WHOLE)}")


def heap_summary(heap_info):
    """The 'garbage-first heap total N, used M' line of jcmd GC.heap_info, in MiB."""
    if not heap_info:
        return None
    match = re.search(r"total (\d+)K, used (\d+)K", heap_info)
    if not match:
        return heap_info.strip().splitlines()[1] if len(heap_info.splitlines()) > 1 else None
    return {"committed_mib": round(int(match.group(1)) / 1024, 1),
            "used_mib": round(int(match.group(2)) / 1024, 1)}


class _Adopted:
    """A helper process (jstat) in STARTED, so a failure still ends it."""

    def __init__(self, name, popen):
        self.name = name
        self.popen = popen

    def stop(self, grace=5):
        if self.popen.poll() is None:
            self.popen.terminate()
            self.popen.wait(grace)


def heap_from_jstat(path):
    """Heap used (survivors, eden, old) in MiB per jstat sample: peak and last."""
    used = []
    header = None
    for line in open(path):
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "S0C":
            header = parts
            continue
        if header and len(parts) == len(header):
            try:
                row = dict(zip(header, (float(p) for p in parts)))
            except ValueError:
                continue
            used.append((row["S0U"] + row["S1U"] + row["EU"] + row["OU"]) / 1024)
    if not used:
        return {"peak_mib": None, "last_mib": None, "samples": 0}
    return {"peak_mib": round(max(used), 1), "last_mib": round(used[-1], 1), "samples": len(used)}


def callback_figures(database, callbacks_file, built, expected):
    received = count_lines(callbacks_file)
    figures = {
        "implemented": built,
        "expected": expected,
        "received": received,
    }
    if not built:
        figures["pending"] = ("io.tern.callback is not in the gateway yet: the outbox rows are "
                              "written (expected) but nothing delivers them")
        return figures
    if received == 0:
        return figures
    psql(database, "CREATE TABLE IF NOT EXISTS public.received_callback "
                   "(received_at timestamptz, message_sid text, status text, signed boolean)",
         "TRUNCATE public.received_callback")
    subprocess.run(PG + ["-d", database, "-c",
                         f"\\copy public.received_callback FROM '{callbacks_file}'"],
                   check=True, capture_output=True)
    figures.update(json.loads(psql_file(database, HERE / "callbacks.sql", {"schema": "tern"})))
    return figures


# ---------------------------------------------------------------- a million queued messages

MILLION = {}
MILLION_SECONDS = int(os.environ.get("MILLION_SECONDS", "180"))


def million():
    """Heap with 1,000,000 queued messages: the throttle's schedulers alone (QueuedHeap, under
    -Xmx1g), then the gateway on the in-memory store filled by wrk for MILLION_SECONDS with
    senders slowed to 0.001/s so everything it accepts stays queued."""
    schedulers = []
    for args in (["100000"], ["1000"], ["1000", "1000000", "1000"]):
        output = subprocess.run(["java", "-Xmx1g", "-cp", str(BENCH_JAR), "io.tern.bench.QueuedHeap",
                                 *args], check=True, capture_output=True, text=True).stdout
        schedulers.append(json.loads(output.strip().splitlines()[-1]))
        log(f"schedulers: {schedulers[-1]}")
    MILLION["schedulers"] = schedulers

    process, port = start_tern("tern-million", "memory", extra_env=NO_DISPATCH)
    register_senders(port, SENDERS)
    base = heap_after_gc(process.pid)
    sids_file = OUT / "sids-million.txt"
    run = wrk("tern-million", port, 64, MILLION_SECONDS, "fill", sids_file, pid=process.pid)
    time.sleep(2)
    queued = len(listed_sids(port))
    filled = heap_after_gc(process.pid)
    stop(process)
    used = filled["used_mib"] - base["used_mib"]
    MILLION["gateway_in_memory"] = {
        "seconds": MILLION_SECONDS,
        "accepted_per_s": run["accepted_per_s"],
        "messages_stored": queued,
        "heap_used_before_mib": base["used_mib"],
        "heap_used_after_mib": filled["used_mib"],
        "bytes_per_message": round(used * 1048576 / max(1, queued)),
        "projected_mib_for_1m": round(used * 1_000_000 / max(1, queued) + base["used_mib"]),
    }
    log(f"gateway: {MILLION['gateway_in_memory']}")


def heap_after_gc(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    time.sleep(1)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True, capture_output=True,
                          text=True).stdout
    return heap_summary(info)


# ---------------------------------------------------------------- report

def machine():
    def first_line(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    meminfo = Path("/proc/meminfo").read_text()
    total_kib = int(re.search(r"MemTotal:\s+(\d+)", meminfo).group(1))
    model = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    return {
        "nproc": os.cpu_count(),
        "cpu": model.group(1) if model else "?",
        "memory_gib": round(total_kib / 1048576, 1),
        "java": java[1] if len(java) > 1 else java[0],
        "wrk": first_line(["wrk", "-v"]),
        "postgres": first_line(PG + ["-d", "postgres", "-c", "SHOW server_version"]),
        "load_average_at_start": Path("/proc/loadavg").read_text().split()[:3],
        "date_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
    }


def summarize(info):
    previous = {}
    if (RESULTS / "load.json").exists():
        # A partial run keeps the other scenario's latest figures.
        previous = json.loads((RESULTS / "load.json").read_text())
    previous_runs = previous.get("runs", [])
    if "kannel" not in SCENARIOS:
        RUNS.extend(r for r in previous_runs if r["server"].startswith("kannel"))
    if "accept" not in SCENARIOS:
        RUNS.extend(r for r in previous_runs if not r["server"].startswith("kannel"))
        CHECKS.update(previous.get("store_checks", {}))
        GC.update(previous.get("gc_pauses", {}))
    if "whole-path" not in SCENARIOS:
        WHOLE.update(previous.get("whole_path", {}))
    if "million" not in SCENARIOS:
        MILLION.update(previous.get("million", {}))
    summary = {"machine": info, "settings": {
        "duration_s": DURATION, "warmup_s": WARMUP, "connections": CONNECTIONS,
        "paced_connections": PACED_CONNECTIONS, "senders": SENDERS, "destinations": DESTINATIONS,
        "wrk_threads": WRK_THREADS, "java_opts": " ".join(JAVA_OPTS),
        "memory_java_opts": " ".join(MEMORY_JAVA_OPTS)},
        "runs": RUNS, "store_checks": CHECKS, "gc_pauses": GC, "whole_path": WHOLE,
        "million": MILLION}
    best = {}
    for run in RUNS:
        if run["kind"] == "max" and run["server"] != "tern-million":
            best[run["server"]] = max(best.get(run["server"], 0), run["accepted_per_s"])
    bare = [best[name] for name in ("bare", "bare-after") if name in best]
    ceiling = statistics.mean(bare) if bare else None
    summary["bare_ceiling_per_s"] = round(ceiling, 1) if ceiling else None
    summary["ratios"] = {server: round(rate / ceiling, 3) for server, rate in best.items()
                         if ceiling and not server.startswith("bare")}
    summary["best_accepted_per_s"] = best
    # 201s per CPU-second of the server (and of PostgreSQL for the PG store): a figure that
    # depends less on how much of the machine other work took during the run.
    per_core = {}
    for run in RUNS:
        if run["kind"] == "max" and run.get("cpu_cores") and run["cpu_cores"]["server"]:
            used = run["cpu_cores"]["server"] + (
                run["cpu_cores"]["postgres"] if run["server"] == "tern-pg" else 0)
            per_core[run["server"]] = max(per_core.get(run["server"], 0),
                                          round(run["accepted_per_s"] / used))
    summary["accepted_per_cpu_second"] = per_core
    bare_per_core = [per_core[n] for n in ("bare", "bare-after") if n in per_core]
    if bare_per_core:
        summary["per_cpu_ratios"] = {
            server: round(value / statistics.mean(bare_per_core), 3)
            for server, value in per_core.items() if not server.startswith("bare")}
    (OUT / "summary.json").write_text(json.dumps(summary, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "load.json").write_text(json.dumps(summary, indent=2))
    (RESULTS / "load.md").write_text(markdown(summary))
    plot(summary)
    return summary


def markdown(s):
    m = s["machine"]
    lines = [
        "# Load test: latest run (generated by benchmarks/load/run.sh)",
        "",
        f"{m['date_utc']} UTC, {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB, {m['java']}, "
        f"{m['wrk']}, PostgreSQL {m['postgres']}; load average at start "
        f"{' '.join(m['load_average_at_start'])} (the machine is shared with other work).",
        "",
        f"wrk: {WRK_THREADS} threads, {DURATION} s per run after a {WARMUP} s warm-up, POSTs "
        f"Messages.json over {SENDERS} senders and {DESTINATIONS} destinations.",
        "",
        "## Accept path",
        "",
        "| server | kind | connections | accepted/s | vs bare | p50 ms | p99 ms | p99.9 ms | max ms "
        "| non-201 | socket errors | cores: server (of which its GC threads) / postgres / wrk "
        "/ whole machine |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    ceiling = s.get("bare_ceiling_per_s")
    for r in s["runs"]:
        if r["kind"] in ("warmup", "fill"):
            continue
        kind = r["kind"] if r["kind"] != "half" else f"paced at {r['pace_rate']:.0f}/s"
        ratio = f"{r['accepted_per_s'] / ceiling:.2f}" if ceiling else "-"
        lines.append(
            f"| {r['server']} | {kind} | {r['connections']} | {r['accepted_per_s']:.0f} | {ratio} "
            f"| {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {r['p999_ms']:.2f} | {r['max_ms']:.1f} "
            f"| {r['other_status']} | {r['socket_errors']} | {cores_text(r.get('cpu_cores'))} |")
    lines += ["", "Best accepted/s: " + ", ".join(
        f"{k} {v:.0f}" for k, v in s["best_accepted_per_s"].items())
        + f"; bare ceiling (mean of the bare runs before and after Tern) {ceiling or 0:.0f}/s"
        + "; Tern's best against it: " + ", ".join(
        f"{k} {v:.2f}" for k, v in s["ratios"].items())
        + ". \"vs bare\" in the table divides by the same ceiling.", ""]
    if s.get("accepted_per_cpu_second"):
        lines += ["201s per CPU-second (server, plus PostgreSQL for tern-pg; best of the maximum "
                  "runs): " + ", ".join(f"{k} {v}" for k, v in s["accepted_per_cpu_second"].items())
                  + "; against the bare server's: " + ", ".join(
                      f"{k} {v:.2f}" for k, v in s.get("per_cpu_ratios", {}).items()) + ".", ""]
    if s.get("gc_pauses"):
        lines += ["GC pauses over each server's life (warm-up and all its runs): " + "; ".join(
            f"{k} {v['count']} pauses, longest {v['max_ms']} ms, {v['total_ms']} ms in all"
            for k, v in s["gc_pauses"].items() if v) + ".", ""]
    if s["store_checks"]:
        lines += ["## Store check: every 201 is a stored message", "",
                  "| server | 201s received | distinct sids | stored | missing | stored without a 201 "
                  "| how |", "|---|---:|---:|---:|---:|---:|---|"]
        for server, c in s["store_checks"].items():
            lines.append(f"| {server} | {c['responses_201']} | {c['distinct_sids']} "
                         f"| {c['stored_messages']} | {c['missing']} | {c['stored_without_201']} "
                         f"| {c['how']} |")
        lines.append("")
    w = s["whole_path"]
    if w:
        r = w["rates"]
        cb = w["callbacks"]
        lines += [
            "## Whole path", "",
            f"{w['senders']} senders x {w['per_sender']} messages, configured "
            f"{w['configured_rate']} segment/s each, PostgreSQL store, simulated carrier.",
            "",
            "| figure | value |", "|---|---|",
            f"| backlog posted while senders ran at 0.001/s (201 / requests) | "
            f"{w['posting']['created']} / {w['posting']['requests']} in {w['posting_seconds']} s |",
            f"| restart at {w['configured_rate']}/s: listening after | "
            f"{w['restart_to_listening_seconds']} s |",
            f"| drained (nothing queued or sending) after | {w['drain_seconds']} s |",
            f"| messages sent after the restart (date_sent set) | {r['sent']} by {r['senders']} "
            f"senders |",
            f"| per-sender rate with backlog, mean | {r['backlog_rate_mean']} /s |",
            f"| deviation from configured, mean / worst | {r['mean_deviation_pct']} % / "
            f"{r['worst_deviation_pct']} % |",
            f"| one-second windows over the limit | {r['windows_over_limit']} "
            f"(of {r['windows_checked']} checked) |",
            f"| smallest gap between two sends of one sender | {r['min_gap_s']} s |",
            f"| busiest second, all senders | {r['sent_per_s_peak']} sends |",
            f"| gateway CPU, steady drain / whole drain | {w['cpu_cores_steady_drain']} / "
            f"{w['cpu_cores_whole_drain']} cores |",
            f"| heap used, peak / last (jstat, 1 s samples) | {w['heap'].get('peak_mib')} / "
            f"{w['heap'].get('last_mib')} MiB |",
            f"| heap at mid-drain (jcmd GC.heap_info) | {heap_text(w['heap_info_mid_drain'])} |",
            f"| GC pauses during the drain | {pauses_text(w.get('gc_pauses_drain'))} |",
        ]
        if cb.get("pending"):
            lines.append(f"| status callbacks | PENDING: {cb['pending']} ({cb['expected']} outbox "
                         f"rows, {cb['received']} received) |")
        else:
            lines += [
                f"| callbacks received / outbox rows | {cb['received']} / {cb['expected']} |",
                f"| callback lag p50 / p99 / max | {cb.get('lag_p50_ms')} / {cb.get('lag_p99_ms')} "
                f"/ {cb.get('lag_max_ms')} ms |",
                f"| callbacks per second at peak / status changes per second at peak | "
                f"{cb.get('peak_received_per_s')} / {cb.get('peak_changes_per_s')} |",
                f"| callbacks signed | {cb.get('signed')} |",
            ]
            windows = cb.get("lag_by_window") or []
            if windows:
                lines += ["", "Callback lag by when the status changed (10-second windows):", "",
                          "| status changes from | callbacks | lag p50 ms | p99 ms | max ms |",
                          "|---|---:|---:|---:|---:|"]
                lines += [f"| {x['window']} | {x['callbacks']} | {x['p50_ms']} | {x['p99_ms']} "
                          f"| {x['max_ms']} |" for x in windows]
        lines.append("")
    mm = s.get("million")
    if mm:
        lines += ["## Heap with 1,000,000 queued messages", "",
                  "Shard schedulers alone (8 shards, QueuedHeap under -Xmx1g, heap after a full GC "
                  "minus before):", "",
                  "| senders | entries | window | entries in memory | heap MiB | bytes per entry "
                  "in memory | enqueue s |", "|---:|---:|---:|---:|---:|---:|---:|"]
        for q in mm.get("schedulers", []):
            lines.append(f"| {q['senders']} | {q['entries']} | {q['window']} | {q['entriesInMemory']} "
                         f"| {q['heapUsedMiB']} | {q['bytesPerEntryInMemory']} | {q['enqueueSeconds']} |")
        g = mm.get("gateway_in_memory")
        if g:
            lines += ["", f"Gateway on the in-memory store, filled by wrk for {g['seconds']} s at "
                      f"{g['accepted_per_s']:.0f}/s with senders slowed to 0.001/s: "
                      f"{g['messages_stored']} messages stored and queued, heap after a full GC "
                      f"{g['heap_used_before_mib']} MiB before and {g['heap_used_after_mib']} MiB "
                      f"after, {g['bytes_per_message']} bytes per message (store and queue), "
                      f"so about {g['projected_mib_for_1m']} MiB for 1,000,000."]
        lines.append("")
    return "\n".join(lines)


def cores_text(cores):
    if not cores:
        return "-"
    server = "-" if cores["server"] is None else f"{cores['server']:.2f}"
    if cores.get("server_gc"):
        server += f" (GC {cores['server_gc']:.2f})"
    return f"{server} / {cores['postgres']:.2f} / {cores['wrk']:.2f} / {cores['machine']:.2f}"


def pauses_text(pauses):
    if not pauses:
        return "-"
    return f"{pauses['count']}, longest {pauses['max_ms']} ms, {pauses['total_ms']} ms in all"


def heap_text(heap):
    if isinstance(heap, dict):
        return f"{heap['used_mib']} MiB used of {heap['committed_mib']} MiB committed"
    return str(heap)


def plot(s):
    max_runs = [r for r in s["runs"] if r["kind"] == "max"]
    if not max_runs or not shutil.which("gnuplot"):
        return
    servers = sorted({r["server"] for r in max_runs}, key=lambda x: (x != "bare", x))
    data = OUT / "max-runs.dat"
    with open(data, "w") as f:
        for server in servers:
            f.write(f'"{server}"\n')
            for r in sorted((r for r in max_runs if r["server"] == server),
                            key=lambda r: r["connections"]):
                f.write(f"{r['connections']} {r['accepted_per_s']} {r['p50_ms']} {r['p99_ms']} "
                        f"{r['p999_ms']}\n")
            f.write("\n\n")
    blocks = len(servers)
    script = f"""
set terminal pngcairo size 900,500 font ",10"
set output "{RESULTS / 'throughput.png'}"
set title "Accepted messages per second against connections (wrk, {DURATION} s per point)"
set xlabel "connections"; set ylabel "201 per second"
set logscale x 2; set xtics ({", ".join(f'"{c}" {c}' for c in CONNECTIONS)})
set xrange [{min(CONNECTIONS) * 0.75}:{max(CONNECTIONS) * 1.33}]
set yrange [0:*]; set key outside right; set grid
plot for [i=0:{blocks - 1}] "{data}" index i using 1:2 with linespoints lw 2 pt 7 title columnheader(1)

set output "{RESULTS / 'latency.png'}"
set terminal pngcairo size 1200,450 font ",10"
set multiplot layout 1,{blocks} title "Latency percentiles against connections (log scale, ms)"
set logscale y; set ylabel "ms"; set yrange [0.1:2000]; set key inside top left
set format y "%g"
"""
    for i, server in enumerate(servers):
        script += f"""
set title "{server}"
plot "{data}" index {i} using 1:3 with linespoints lw 2 pt 7 title "p50", \\
     "{data}" index {i} using 1:4 with linespoints lw 2 pt 5 title "p99", \\
     "{data}" index {i} using 1:5 with linespoints lw 2 pt 9 title "p99.9"
"""
    script += "unset multiplot\n"
    (OUT / "charts.gp").write_text(script)
    subprocess.run(["gnuplot", str(OUT / "charts.gp")], check=True)


def report_only():
    """Rewrites results/load.md and the charts from results/load.json (no server is started)."""
    OUT.mkdir(parents=True, exist_ok=True)
    previous = json.loads((RESULTS / "load.json").read_text())
    global SCENARIOS
    SCENARIOS = []
    summarize(previous["machine"])
    print((RESULTS / "load.md").read_text())
    return 0


def main():
    if "--report" in sys.argv[1:]:
        return report_only()
    OUT.mkdir(parents=True, exist_ok=True)
    latest = HERE / "out" / "latest"
    if latest.is_symlink() or latest.exists():
        latest.unlink()
    latest.symlink_to(OUT.name)
    info = machine()
    log(f"machine: {info}")
    try:
        if "accept" in SCENARIOS:
            accept_path()
        if "whole-path" in SCENARIOS:
            whole_path()
        if "million" in SCENARIOS:
            million()
        if "kannel" in SCENARIOS:
            kannel()
    finally:
        stop_all()
    summary = summarize(info)
    print((RESULTS / "load.md").read_text())
    log(f"raw output in {OUT}")
    return 0 if all(c["missing"] == 0 for c in summary["store_checks"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
