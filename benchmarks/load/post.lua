-- wrk script of the load test: POST Messages.json with Basic auth, round-robin over many senders
-- and destinations, counting 201s against other statuses and keeping every 201's sid so the store
-- can be checked afterwards. The same script drives Tern and the bare Vert.x server.
--
-- Environment:
--   TERN_PATH      /2010-04-01/Accounts/AC.../Messages.json
--   TERN_AUTH      the Authorization header value ("Basic ...")
--   SENDERS        senders registered as +1415555xxxx (0000 .. SENDERS-1)
--   DESTINATIONS   destinations +1212555xxxx (0000 .. DESTINATIONS-1)
--   SIDS_OUT       file the sids of the 201s are appended to (optional)
--   PACE_RATE      optional: requests per second to send in all, on a fixed schedule (wrk has
--   THREADS          no fixed-rate mode and wrk2 is not packaged): each thread hands out send
--                    times THREADS/PACE_RATE apart to whichever of its connections asks next,
--                    so the rate does not drop by the servers' latency as a wait after each
--                    response would; a thread behind its schedule sends at once until caught
--                    up (by at most one second's sends), as independent clients would.
--                    Latency is measured from the send, not from the scheduled time (no
--                    correction for coordinated omission).
--   KANNEL_USER    optional: drive Kannel's sendsms instead (GET TERN_PATH with username,
--   KANNEL_PASSWORD  password, from, to and text; its 202 counts as a 201 and has no sid)
-- done() prints one line starting with RESULT followed by JSON.

local path = os.getenv("TERN_PATH")
local auth = os.getenv("TERN_AUTH")
local senders = tonumber(os.getenv("SENDERS") or "1000")
local destinations = tonumber(os.getenv("DESTINATIONS") or "10000")
local sids_out = os.getenv("SIDS_OUT")
local pace_rate = tonumber(os.getenv("PACE_RATE") or "")
local kannel_user = os.getenv("KANNEL_USER")
local kannel_password = os.getenv("KANNEL_PASSWORD")
local accepted_status = kannel_user and 202 or 201

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  thread_count = tonumber(os.getenv("THREADS") or "1")
  counter = 0
  created = 0
  others = {}
  sids = {}
  math.randomseed(id * 7919 + 17)
end

function request()
  local n = counter * thread_count + id
  counter = counter + 1
  local from = string.format("%%2B1415555%04d", n % senders)
  local to = string.format("%%2B1212555%04d", (n * 7919) % destinations)
  local body = "To=" .. to .. "&From=" .. from .. "&Body=Load+test+message+" .. n
  if kannel_user then
    return wrk.format("GET", path .. "?username=" .. kannel_user .. "&password=" .. kannel_password
      .. "&from=" .. from .. "&to=" .. to .. "&text=Load+test+message+" .. n)
  end
  return wrk.format("POST", path, {
    ["Authorization"] = auth,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end

function response(status, headers, body)
  if status == accepted_status then
    created = created + 1
    local sid = string.match(body, '"sid":"(%w+)"')
    if sid then
      sids[#sids + 1] = sid
    end
  else
    others[status] = (others[status] or 0) + 1
  end
end

if pace_rate and pace_rate > 0 then
  -- Lua's own clocks count whole seconds or CPU time; the monotonic clock comes through
  -- LuaJIT's FFI, which wrk is built with.
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } pace_timespec;
    int clock_gettime(int clock_id, pace_timespec *tp);
  ]]
  local CLOCK_MONOTONIC = 1
  local now_ts = ffi.new("pace_timespec")
  local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, now_ts)
    return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
  end

  local interval_ms = tonumber(os.getenv("THREADS") or "1") * 1000 / pace_rate
  local next_send_ms = nil

  -- Called by wrk before each request of each connection of this thread.
  function delay()
    local now = now_ms()
    next_send_ms = math.max(next_send_ms or now, now - 1000) + interval_ms
    local wait = next_send_ms - interval_ms - now
    return wait > 0 and math.floor(wait + 0.5) or 0
  end
end

function done(summary, latency, requests)
  local total_created = 0
  local total_others = {}
  local out = sids_out and io.open(sids_out, "a")
  for _, thread in ipairs(threads) do
    total_created = total_created + thread:get("created")
    for status, count in pairs(thread:get("others")) do
      total_others[status] = (total_others[status] or 0) + count
    end
    if out then
      local thread_sids = thread:get("sids")
      if #thread_sids > 0 then
        out:write(table.concat(thread_sids, "\n"), "\n")
      end
    end
  end
  if out then
    out:close()
  end
  local other_parts = {}
  local other_total = 0
  for status, count in pairs(total_others) do
    other_parts[#other_parts + 1] = string.format('"%d":%d', status, count)
    other_total = other_total + count
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%d,"duration_us":%d,"created":%d,"other_status":%d,"other_statuses":{%s},'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},'
      .. '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}}\n',
    summary.requests, summary.duration, total_created, other_total,
    table.concat(other_parts, ","), e.connect, e.read, e.write, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max))
end
