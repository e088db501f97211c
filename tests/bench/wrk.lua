-- wrk script of the benchmark (tests/bench/bench.mjs runs it).  Prints one
-- line "BENCH {json}" at the end: requests, duration, errors by kind,
-- latency percentiles in microseconds.
--
-- Environment:
--   BENCH_COOKIE	Cookie header sent with every request
--   BENCH_MODE		"get" (default) or "post": Work Diary entries
--   BENCH_IDS		post: contract ids, comma-separated, the entries go to
--   BENCH_DAYS		post: days YYYY-MM-DD, comma-separated
--   BENCH_CSRF		post: the session's CSRF token
--   BENCH_DELAY_MS	post: a pause before each request of a connection,
--			to write at a steady rate beside a read load
-- A POST counts as done only when answered 303 (post/redirect/get);
-- any other status is counted in "bad".  GETs are not inspected here
-- (a response() callback costs wrk time that would flatter the server
-- being measured): wrk's own status error count covers 4xx and 5xx, and
-- bench.mjs checks every target's status before and after.

local cookie = os.getenv("BENCH_COOKIE") or ""
local mode = os.getenv("BENCH_MODE") or "get"
local threads = {}
local nthreads = 0

if cookie ~= "" then
	wrk.headers["Cookie"] = cookie
end

function setup(thread)
	thread:set("thread_no", nthreads)
	nthreads = nthreads + 1
	table.insert(threads, thread)
end

if mode == "post" then
	local ids, days = {}, {}
	for x in string.gmatch(os.getenv("BENCH_IDS") or "", "[^,]+") do
		ids[#ids + 1] = x
	end
	for x in string.gmatch(os.getenv("BENCH_DAYS") or "", "[^,]+") do
		days[#days + 1] = x
	end
	local csrf = os.getenv("BENCH_CSRF") or ""
	local headers = {
		["Content-Type"] = "application/x-www-form-urlencoded",
		["Cookie"] = cookie,
	}
	local n = 0
	bad = 0

	function init(args)
		-- Threads start apart so that they write to different days.
		n = (thread_no or 0) * 7919
	end

	function request()
		local id = ids[n % #ids + 1]
		local day = days[math.floor(n / #ids) % #days + 1]
		n = n + 1
		return wrk.format("POST", "/contracts/" .. id .. "/diary", headers,
		    "date=" .. day .. "&minutes=1&memo=bench&csrf=" .. csrf)
	end

	function response(status, hdrs, body)
		if status ~= 303 then
			bad = bad + 1
		end
	end

	local pause = tonumber(os.getenv("BENCH_DELAY_MS") or "0")
	if pause > 0 then
		function delay()
			return pause
		end
	end
end

function done(summary, latency, requests)
	local nbad = 0
	for _, t in ipairs(threads) do
		nbad = nbad + (tonumber(t:get("bad")) or 0)
	end
	local e = summary.errors
	io.write(string.format('BENCH {"requests":%d,"duration_us":%d,"bytes":%d,' ..
	    '"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d,"bad":%d,' ..
	    '"p50":%d,"p90":%d,"p99":%d,"max":%d}\n',
	    summary.requests, summary.duration, summary.bytes, e.connect, e.read,
	    e.write, e.timeout, e.status, nbad, latency:percentile(50),
	    latency:percentile(90), latency:percentile(99), latency.max))
end
