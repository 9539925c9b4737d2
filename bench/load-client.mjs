// One autocannon run in its own process (so that the load generator does not share the server's
// event loop), printing one JSON line: requests, status counts, p50/p95/p99/max latency in ms from
// every response's own time.
//   node bench/load-client.mjs URL COOKIE CONNECTIONS SECONDS
import autocannon from 'autocannon';

const [url, cookie, connections, seconds] = process.argv.slice(2);
const times = [];
const statuses = {};
const instance = autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  timeout: 30,
  // as a browser asks (the answers a server compresses come compressed; autocannon does not inflate them)
  headers: { cookie, 'accept-encoding': 'gzip, deflate, br' },
});
instance.on('response', (_client, status, _bytes, responseTime) => {
  times.push(responseTime);
  statuses[status] = (statuses[status] ?? 0) + 1;
});
const result = await instance;
times.sort((a, b) => a - b);
const pct = (p) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] * 10) / 10 : null);
console.log(
  JSON.stringify({
    requests: times.length,
    perSecond: Math.round((times.length / result.duration) * 10) / 10,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    max: times.length ? Math.round(times[times.length - 1]) : null,
  }),
);
