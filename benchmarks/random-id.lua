-- Each request asks for a random milestone, M-001 to M-{COUNT}, so that no one row stays hot.
-- PATH_SUFFIX is appended to /milestones/{id} ("" for the page, "/export" for the download).
local count = tonumber(os.getenv("COUNT") or "10000")
local suffix = os.getenv("PATH_SUFFIX") or ""
math.randomseed(42)

request = function()
  return wrk.format("GET", string.format("/milestones/M-%03d%s", math.random(1, count), suffix))
end
