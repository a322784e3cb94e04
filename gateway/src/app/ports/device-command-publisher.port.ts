// How a message reaches a device's commands topic: the in-process broker publishes it itself (adapters/mqtt/broker.ts),
// or the consumer's MQTT client publishes it to the external broker (adapters/mqtt/broker-client.ts).

export interface DeviceCommandPublisher {
  /** Publishes `payload` on devices/{deviceId}/commands at QoS 1; resolves when the broker has taken it. */
  publish(deviceId: string, payload: string): Promise<void>;
}
