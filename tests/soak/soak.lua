-- soak.lua: the wrk side of make soak (tests/soak/soak.mjs starts the
-- stack, signs in and passes what this needs through the environment):
--   SOAK_COOKIE  "sid=..." of a signed-in freelancer
--   SOAK_CSRF    that session's CSRF token
--   SOAK_IDS     comma-separated ids of the freelancer's hourly contracts
--   SOAK_DAYS    comma-separated days (YYYY-MM-DD) of the open week
-- Each thread cycles through a fixed mix of 20 requests: 8 dashboard
-- views (filters, search, paging), 6 contract pages (contract, diary,
-- billing, payments), 4 diary writes of 1 minute, 1 notifications page,
-- 1 help article.  A write's contract and day rotate so that no day of
-- any contract ever reaches 24 hours.  Statuses are counted: 200 (pages),
-- 303 (writes, acknowledged), anything else an error; done() prints them.

local cookie = os.getenv("SOAK_COOKIE")
local csrf = os.getenv("SOAK_CSRF")
local ids, days = {}, {}
for v in string.gmatch(os.getenv("SOAK_IDS") or "", "[^,]+") do ids[#ids + 1] = v end
for v in string.gmatch(os.getenv("SOAK_DAYS") or "", "[^,]+") do days[#days + 1] = v end

-- setup() runs in the main Lua state; tid (a global) is set in each
-- thread's own state.
local threads = {}
tid = 0

function setup(thread)
   threads[#threads + 1] = thread
   thread:set("tid", #threads)
end

local n = 0
local writes = 0
ok, acked, errors = 0, 0, 0
statuses = ""

local headers = { ["Cookie"] = cookie }
local post_headers = {
   ["Cookie"] = cookie,
   ["Content-Type"] = "application/x-www-form-urlencoded",
}

local function page(path)
   return wrk.format("GET", path, headers)
end

function request()
   n = n + 1
   local k = n % 20
   local id = ids[(n % #ids) + 1]
   if k < 8 then
      local v = { "/contracts", "/contracts?status=all", "/contracts?status=ended",
                  "/contracts?q=Soak", "/contracts?status=all&page=2", "/contracts",
                  "/contracts?q=Clara", "/contracts" }
      return page(v[k + 1])
   elseif k < 14 then
      -- The diary is read for a past week, whose size stays the same, so
      -- that worker memory is compared on pages that do not grow.
      local v = { "", "/diary?week=2026-11-16", "/billing", "/payments", "", "/diary?week=2026-11-18" }
      return page("/contracts/" .. id .. v[k - 7])
   elseif k < 18 then
      -- Each thread goes through every contract for one day, then the
      -- next day: 1 minute per (contract, day) per round of
      -- ids x days writes, far from the 1440 a day allows.
      writes = writes + 1
      local c = ids[((writes + tid * 7) % #ids) + 1]
      local d = days[((math.floor(writes / #ids) + tid) % #days) + 1]
      local body = "csrf=" .. csrf .. "&date=" .. d .. "&minutes=1&memo=soak+" .. tid .. "-" .. writes
      return wrk.format("POST", "/contracts/" .. c .. "/diary", post_headers, body)
   elseif k == 18 then
      return page("/notifications")
   else
      return page("/help/ending-a-contract")
   end
end

local seen = {}

function response(status, hdrs, body)
   if status == 200 then
      ok = ok + 1
   elseif status == 303 then
      acked = acked + 1
   else
      errors = errors + 1
      seen[status] = (seen[status] or 0) + 1
      local s = ""
      for k, v in pairs(seen) do s = s .. k .. ":" .. v .. " " end
      statuses = s
   end
end

function done(summary, latency, requests)
   local o, a, e, st = 0, 0, 0, ""
   for _, t in ipairs(threads) do
      o = o + t:get("ok")
      a = a + t:get("acked")
      e = e + t:get("errors")
      st = st .. (t:get("statuses") or "")
   end
   io.write(string.format("soak-counts pages=%d writes=%d errors=%d statuses=[%s] socket_errors=%d\n",
      o, a, e, st, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
   io.write(string.format("soak-latency p50=%.2fms p99=%.2fms max=%.2fms\n",
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
