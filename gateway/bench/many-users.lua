-- wrk script: every request carries the next user's access token, taken in turn from the file
-- named by BENCH_TOKENS (one token a line), so a run meets as many users as the file holds.
-- Each wrk thread starts at its own place in the list.
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end

local tokens = {}
local next_token = 0
function init(args)
  for line in io.lines(os.getenv("BENCH_TOKENS")) do tokens[#tokens + 1] = line end
  next_token = math.floor(offset * #tokens / 16)
end

function request()
  next_token = next_token % #tokens + 1
  return wrk.format(nil, nil, { ["Authorization"] = "Bearer " .. tokens[next_token] })
end
