-- wrk script of the benchmarks of the local stack (flags-service/bench/run.sh,
-- task-service/bench/run.sh): every request carries the bearer token of one user of the pool, in
-- turn, so that the load is spread over users as real clients would spread it (and the
-- services' token caches meet many of them).
-- Arguments (after wrk's --): pool file (lines "token" or "token userId"), method, path, body kind
--   ofrep  POST body {"context":{"targetingKey":"<userId>"}}
--   task   POST body: a new task (title, description, due date)
--   none   no body
-- A path ending in "/{key}" takes the keys file (one flag key a line) as the fifth argument and
-- cycles through the keys as well.
local requests = {}
local next_request = 1
local threads = 0

local NEW_TASK = '{"title":"Benchmark task","description":"Written by a benchmark","dueDate":"2026-12-31"}'

-- Runs in wrk's main state once per thread, before init: each thread gets its own number.
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

local function lines(file)
  local result = {}
  for line in io.lines(file) do
    if line ~= "" then result[#result + 1] = line end
  end
  return result
end

function init(args)
  local pool, method, path, body_kind, keys_file = args[1], args[2], args[3], args[4], args[5]
  local users = lines(pool)
  local keys = keys_file and lines(keys_file) or { "" }
  -- Every (user, key) pair once, so that a single-flag run evaluates every flag for every user.
  for u, user in ipairs(users) do
    local token, id = user:match("^(%S+) ?(%S*)$")
    local headers = { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }
    local body = nil
    if body_kind == "ofrep" then
      headers["Content-Type"] = "application/json"
      body = '{"context":{"targetingKey":"' .. id .. '"}}'
    elseif body_kind == "task" then
      headers["Content-Type"] = "application/json"
      body = NEW_TASK
    end
    for k, key in ipairs(keys) do
      local target = path:gsub("{key}", key)
      requests[#requests + 1] = wrk.format(method, target, headers, body)
    end
  end
  -- Each thread starts at another place of the list.
  next_request = ((thread_number or 1) * 7919) % #requests + 1
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end
