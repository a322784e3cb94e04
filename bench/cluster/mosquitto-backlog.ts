import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { MOSQUITTO_FILES } from '../../gateway/src/adapters/mqtt/mosquitto-config.js';

// What Mosquitto itself says about the messages it holds: its $SYS tree, published every `sys_interval` seconds
// (the topology's broker runs with `sys_interval 1`). A QoS 1 message a device published and Mosquitto acknowledged
// stays in its store until a gateway consumer has acknowledged it, so the store's count is the gateways' backlog
// (plus a few retained $SYS messages); `dropped` counts what the per-client queue limits threw away.

/** mosquitto.conf lines the monitor needs. */
export const BACKLOG_MONITOR_CONF = ['sys_interval 1'];

const STORED = '$SYS/broker/store/messages/count';
const DROPPED = '$SYS/broker/publish/messages/dropped';

export interface BacklogReading {
  /** Messages in Mosquitto's store now; null until the first $SYS report. */
  stored: number | null;
  /** Messages dropped (queue limits) since the monitor started, across restarts of the broker. */
  dropped: number | null;
}

export interface BacklogMonitor {
  latest(): BacklogReading;
  close(): Promise<void>;
}

/**
 * Lets the gateway's broker user read $SYS (the generated ACL grants it device topics only). The ACL file ends with
 * the gateway user's section, so a line appended belongs to it; call before the broker reloads its files.
 */
export async function allowSysReading(brokerDir: string): Promise<void> {
  await appendFile(join(brokerDir, MOSQUITTO_FILES.acl), '\n# Added by bench/cluster: the benchmark reads the broker\'s $SYS tree.\ntopic read $SYS/#\n');
}

export async function watchBacklog(url: string, username: string, password: string): Promise<BacklogMonitor> {
  const reading: BacklogReading = { stored: null, dropped: null };
  // $SYS counts from the broker's start: a restart (a purge) starts again at 0, what came before is kept here.
  let droppedBefore = 0;
  let droppedNow = 0;
  const client = await mqtt.connectAsync(url, { clientId: `bench-backlog-${process.pid}`, username, password, reconnectPeriod: 1000 });
  client.on('message', (topic, payload) => {
    const value = Number(payload.toString());
    if (!Number.isFinite(value)) return;
    if (topic === STORED) reading.stored = value;
    else if (topic === DROPPED) {
      if (value < droppedNow) droppedBefore += droppedNow;
      droppedNow = value;
      reading.dropped = droppedBefore + droppedNow;
    }
  });
  await client.subscribeAsync([STORED, DROPPED], { qos: 0 });
  return {
    latest: () => ({ ...reading }),
    close: () => client.endAsync(true),
  };
}
