-- wrk script: GETs, with one summary line (answers other than 200 counted apart).
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) other = 0 end
function response(status, headers, body) if status ~= 200 then other = other + 1 end end
function done(summary, latency, requests)
  local o = 0
  for _, thread in ipairs(threads) do o = o + thread:get("other") end
  local secs = summary.duration / 1e6
  io.write(string.format("GETS requests=%d non200=%d secs=%.2f req_per_s=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, o, secs, summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
