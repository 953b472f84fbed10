-- wrk script of `make bench`: one Graph operation per run, chosen by environment variables.
--
--   BENCH_METHOD   GET or POST (default GET)
--   BENCH_BODY     the request body of a POST, e.g. {"templateId":"BoxOutDelta"}
--   BENCH_TOKEN    the bearer token (sent as `Authorization: Bearer ...`)
--   BENCH_PATHS    optional: a file of request paths, one a line; requests cycle through them
--                  (e.g. GET of many different stored jobs); without it, the URL's path is used
--   BENCH_OUT      where done() writes the figures as JSON (requests, seconds, bytes, errors,
--                  latency percentiles in microseconds)
--
-- Run with one thread (-t1): done() reads the summary of all threads anyway, but the path
-- rotation below is per thread.

local method = os.getenv("BENCH_METHOD") or "GET"
local body = os.getenv("BENCH_BODY")
local token = os.getenv("BENCH_TOKEN")
local paths_file = os.getenv("BENCH_PATHS")

wrk.method = method
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

local requests = nil
local count = 0
local position = 0

function init(args)
  if paths_file and paths_file ~= "" then
    requests = {}
    for line in io.lines(paths_file) do
      if line ~= "" then
        count = count + 1
        -- Pre-format every request once: request() then only picks one.
        requests[count] = wrk.format(nil, line)
      end
    end
    if count == 0 then
      requests = nil
    end
  end
end

if paths_file and paths_file ~= "" then
  function request()
    position = position % count + 1
    return requests[position]
  end
end

function done(summary, latency, _)
  local out = os.getenv("BENCH_OUT")
  if not out or out == "" then
    return
  end
  local e = summary.errors
  local f = assert(io.open(out, "w"))
  f:write(string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
  f:close()
end
