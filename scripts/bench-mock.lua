-- wrk script: the hands example request, exactly as documented.
wrk.method = "PUT"
wrk.path = "/v1/mmc/control/conferences/participants/hands?conferenceID=914083136&participantID=d2c3ae64216e11eabc510dc9b62e3a80"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Conference-Authorization"] = "stbaf8fa2ea8a1b0e3ab2e007a85a75f88c55d5f6d5c1912dfb"
wrk.body = '{"handsState":1}'

-- Counts the answers that are not the documented 200 (wrk's own summary
-- lumps them with 3xx). Each wrk thread runs its own Lua state, so the
-- counts are gathered from the threads at the end.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("bad")
  end
  io.write(string.format("non-200 answers: %d\n", total))
end
