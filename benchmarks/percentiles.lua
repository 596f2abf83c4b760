-- wrk script for the benchmarks: p50/p95/p99 latency (ms) at the end, and, when WRK_PATHS
-- lists paths separated by spaces, requests cycling through them instead of wrk's one URL.
local paths = {}
for path in string.gmatch(os.getenv("WRK_PATHS") or "", "%S+") do
  table.insert(paths, path)
end
local counter = 0

if #paths > 0 then
  request = function()
    counter = counter + 1
    return wrk.format("GET", paths[(counter % #paths) + 1])
  end
end

done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES %.3f %.3f %.3f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
