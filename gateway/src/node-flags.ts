// The V8 flags the gateway runs with. `npm start`, `npm run demo` (package.json), the Dockerfile's CMD and the
// benchmark (bench/gateway-process.ts) all start it with these; tests/unit/node-flags.test.ts keeps them in step.
//
// --max-semi-space-size=64 (MB; V8's default is 16): the young generation a message's objects are born in. They live
// a few milliseconds, but at tens of thousands of messages a second a 16 MB nursery fills every few tens of
// milliseconds, and whatever is in flight at that moment is promoted to the old generation, dies there, and makes a
// major collection of hundreds of megabytes that stalls the event loop, and with it the next SOS, for 100 ms and more.
// Measured with `npm run bench` at 10,000 devices (2026-12-07, 2-core VM): scavenges halved, saturation 58.6k → 63.0k
// msg/s, SOS → desk p99 at a quarter of that rate 72 → 29 ms (one run each); it costs about 80 MB of resident memory.
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
