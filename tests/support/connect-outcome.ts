import mqtt from 'mqtt';

/**
 * One CONNECT as the device, closed at once: 'connected', or the refusal as MQTT.js words it ("Connection refused:
 * Bad username or password", or "Not authorized" for CONNACK 5). Tests compare refusals by their text, so that a
 * retired or rotated-out device can be shown to be refused exactly like a wrong secret.
 */
export async function connectOutcome(mqttUrl: string, deviceId: string, secret: string): Promise<'connected' | string> {
  try {
    const client = await mqtt.connectAsync(mqttUrl, { clientId: deviceId, username: deviceId, password: secret, reconnectPeriod: 0, connectTimeout: 5000 });
    await client.endAsync(true);
    return 'connected';
  } catch (err) {
    return (err as Error).message;
  }
}
