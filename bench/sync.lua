-- wrk script: POSTs pre-signed sync bodies read from a file of "<hex signature>\t<body>" lines,
-- each thread cycling through them from its own offset. Usage: wrk ... -s sync.lua URL -- FILE [PAUSE_MS]
-- PAUSE_MS (default 0): each connection pauses before each request for a random time with that
-- mean (exponential), so that the connections do not march in step: independent senders, as
-- Open edX instances are, make Poisson-like arrivals, not bursts of every connection at once.
local bodies, sigs, idx, pause = {}, {}, 0, 0

local threads = 0

-- Runs in wrk's main state, once per thread, before that thread's init: numbers the threads so
-- that each draws its own random sequence (same seed = both threads sending the same links).
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(os.time() * 100 + (thread_number or 0) * 7919)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    local tab = line:find("\t", 1, true)
    sigs[#sigs + 1] = line:sub(1, tab - 1)
    bodies[#bodies + 1] = line:sub(tab + 1)
  end
  file:close()
  idx = math.random(0, #bodies - 1)
  pause = tonumber(args[2] or "0")
end

function delay()
  if pause <= 0 then
    return 0
  end
  return -pause * math.log(1 - math.random())
end

function request()
  idx = idx % #bodies + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "SIG-HMAC-SHA256 " .. sigs[idx],
  }, bodies[idx])
end
