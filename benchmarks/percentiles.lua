-- wrk prints 50/75/90/99 %; the drills report p50, p95 and p99 (milliseconds).
done = function(summary, latency, requests)
  io.write(string.format("PERCENTILES %.3f %.3f %.3f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
