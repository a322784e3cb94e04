import mqtt from 'mqtt';

// The baselines' subscriber as a process of its own (forked by subscriber-counter.ts): subscribed to every device
// topic at QoS 1, it counts what the broker delivers and tells its parent the count every 100 ms. In the harness's
// own process it would compete with the load runner's bookkeeping for one event loop, and a starved subscriber
// measures the harness, not the broker.
// Usage (forked with an IPC channel): bench/baselines/subscriber-process.ts <mqttUrl>

const url = process.argv[2];
if (!url || !process.send) throw new Error('usage: fork subscriber-process.ts <mqttUrl> with an IPC channel');
const send = process.send.bind(process);

const client = mqtt.connect(url, { clientId: `bench-subscriber-${process.pid}`, clean: true, reconnectPeriod: 0, connectTimeout: 10_000 });
let count = 0;
client.on('message', () => {
  count += 1;
});
client.on('error', (err) => {
  send({ type: 'failed', message: err.message });
  process.exit(1);
});
client.once('connect', () => {
  client.subscribe('devices/#', { qos: 1 }, (err) => {
    if (err) {
      send({ type: 'failed', message: err.message });
      process.exit(1);
    }
    send({ type: 'ready' });
    setInterval(() => send({ type: 'count', count }), 100);
  });
});
// The parent closing the channel (stop, or the harness gone) ends the subscriber.
process.on('disconnect', () => {
  client.end(true, () => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});
