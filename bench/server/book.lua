-- wrk script: POSTs bookings of distinct slots, counts 201s and 409s apart.
--   wrk ... -s book.lua URL     with env BOOK_PATH (e.g. /api/pages/book10/bookings),
--   BOOK_FIRST (epoch seconds of the first slot), BOOK_SLOTS (how many), BOOK_STEP (seconds).
-- Thread t of T sends slot t, t+T, t+2T, ... and wraps round: each slot is asked for again and
-- again (a round-robin page takes one booking per free host of a slot).
local threads = {}
local counter = 1

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  path = os.getenv("BOOK_PATH")
  first = tonumber(os.getenv("BOOK_FIRST"))
  slots = tonumber(os.getenv("BOOK_SLOTS"))
  step = tonumber(os.getenv("BOOK_STEP"))
  nthreads = tonumber(os.getenv("BOOK_THREADS"))
  k = id - 1
  created, taken, other = 0, 0, 0
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  local slot = k % slots
  k = k + nthreads
  local start = os.date("!%Y-%m-%dT%H:%M:%SZ", first + slot * step)
  local body = '{"start":"' .. start .. '","attendee":{"name":"Load Test","email":"load' .. k .. '@example.com"}}'
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 then taken = taken + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local c, t, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    t = t + thread:get("taken")
    o = o + thread:get("other")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("BOOKINGS requests=%d created=%d taken409=%d other=%d secs=%.2f req_per_s=%.1f created_per_s=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, c, t, o, secs, summary.requests / secs, c / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
