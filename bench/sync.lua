-- wrk script: POSTs pre-signed sync bodies read from a file of "<hex signature>\t<body>" lines,
-- each thread cycling through them from its own offset. Usage: wrk ... -s sync.lua URL -- FILE [PAUSE_MS]
-- PAUSE_MS (default 0) is a pause of each connection before each request: a paced load.
local bodies, sigs, idx, pause = {}, {}, 0, 0

function init(args)
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
  return pause
end

function request()
  idx = idx % #bodies + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "SIG-HMAC-SHA256 " .. sigs[idx],
  }, bodies[idx])
end
