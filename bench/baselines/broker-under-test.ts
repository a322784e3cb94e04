// What a forwarding baseline needs from the broker it measures, whichever broker it is.

export interface BrokerUnderTest {
  name: string;
  version: string;
  mqttUrl: string;
  pid: number;
  output(): string;
  stop(): Promise<void>;
}
