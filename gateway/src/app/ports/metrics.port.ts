// The gateway's metrics as the use cases see them: counters, gauges and histograms to record into, nothing about
// how they are exposed. Prometheus implements it (adapters/metrics/prom-metrics.ts); a use case takes only the
// groups it records into. Label values are strings or numbers, as Prometheus's client takes them.

type LabelValues<L extends string> = Partial<Record<L, string | number>>;

export interface CounterMetric<L extends string = never> {
  inc(labels: LabelValues<L>, value?: number): void;
  inc(value?: number): void;
  /** One label combination, resolved once: for a hot path that counts the same labels on every message. */
  labels(labels: LabelValues<L>): { inc(value?: number): void };
  labels(...values: string[]): { inc(value?: number): void };
}

export interface GaugeMetric<L extends string = never> {
  set(labels: LabelValues<L>, value: number): void;
  set(value: number): void;
  inc(labels: LabelValues<L>, value?: number): void;
  inc(value?: number): void;
  dec(labels: LabelValues<L>, value?: number): void;
  dec(value?: number): void;
  labels(labels: LabelValues<L>): { set(value: number): void; inc(value?: number): void; dec(value?: number): void };
  labels(...values: string[]): { set(value: number): void; inc(value?: number): void; dec(value?: number): void };
}

export interface HistogramMetric<L extends string = never> {
  observe(labels: LabelValues<L>, value: number): void;
  observe(value: number): void;
  /** Starts a timer; calling what it returns observes the seconds since. */
  startTimer(labels?: LabelValues<L>): (labels?: LabelValues<L>) => number;
}

/** What devices send: received, refused, salvaged, merged, flagged (the ingest path). */
export interface DeviceTrafficMetrics {
  messagesReceived: CounterMetric<'channel'>;
  messagesRejected: CounterMetric<'reason'>;
  rateLimitExempt: CounterMetric;
  lifeSafetyMerged: CounterMetric;
  messagesSalvaged: CounterMetric<'type'>;
  inputDefects: CounterMetric<'defect'>;
  devicesFlagged: CounterMetric<'reason'>;
  duplicatesIgnored: CounterMetric;
  ingestFailures: CounterMetric;
}

/** Connections to the broker, the REST API and the live hub, and what was refused at the door. */
export interface ConnectionMetrics {
  devicesDisconnected: CounterMetric<'reason'>;
  mqttProtocolErrors: CounterMetric<'stage'>;
  mqttPendingClosed: CounterMetric<'reason'>;
  mqttPendingConnections: GaugeMetric;
  httpConnectionsRefused: CounterMetric<'reason'>;
  httpConnections: GaugeMetric;
  connectionsRefused: CounterMetric<'reason'>;
  accessDenied: CounterMetric<'operation'>;
  devicesConnected: GaugeMetric;
  wsClients: GaugeMetric;
  wsClientsDropped: CounterMetric;
}

/** What the rules decided and how long committing it took. */
export interface DecisionMetrics {
  alertsRaised: CounterMetric<'type' | 'priority'>;
  ackLatency: HistogramMetric<'priority'>;
  alertCommitSeconds: HistogramMetric;
  alertsCleared: CounterMetric<'type'>;
  tasksCreated: CounterMetric<'kind' | 'reason'>;
  ruleIgnores: CounterMetric<'reason'>;
  deadlinesFired: CounterMetric<'kind'>;
  commitConflicts: CounterMetric;
  clusterLeader: GaugeMetric;
}

/** The notification outbox. */
export interface NotificationMetrics {
  notifications: CounterMetric<'topic' | 'outcome'>;
  notificationsPending: GaugeMetric;
  notificationsDelivered: CounterMetric<'topic'>;
  notificationsRetried: CounterMetric<'topic'>;
  notificationsGivenUp: CounterMetric<'topic'>;
  notificationDeliverySeconds: HistogramMetric<'topic'>;
}

/** Readings on their way to the time-series sinks. */
export interface TelemetryMetrics {
  telemetryPointsWritten: CounterMetric<'sink'>;
  telemetryBatches: CounterMetric<'sink' | 'outcome'>;
  telemetryRetries: CounterMetric<'sink'>;
  telemetrySpoolBytes: GaugeMetric<'sink'>;
  telemetrySpoolBatches: GaugeMetric<'sink'>;
  telemetryPointsShed: CounterMetric<'sink' | 'reason'>;
}

/** The telephone at the desk: calls the PBX announced, complaints past their handling deadline. */
export interface TelephoneMetrics {
  callsAnnounced: CounterMetric<'matched'>;
  complaintsOverdue: CounterMetric;
}

/** Feedback to the device that raised an alarm (app/device-feedback). */
export interface DeviceFeedbackMetrics {
  deviceFeedback: CounterMetric<'type' | 'outcome'>;
}

/** Commands to devices as records (app/device-commands). */
export interface DeviceCommandMetrics {
  /** What became of each command: sent, send_failed, delivered, done, failed, expired. */
  deviceCommands: CounterMetric<'type' | 'outcome'>;
  /** The devices' command_result messages: applied, unknown_command, wrong_device, stale. */
  deviceCommandResults: CounterMetric<'outcome'>;
}

/** The `rejected` replies to devices whose message the gateway could not take (app/device-rejections). */
export interface DeviceRejectionMetrics {
  /** By reason (the dead letter's) and outcome: sent, rate_limited, failed, no_broker. */
  deviceRejections: CounterMetric<'reason' | 'outcome'>;
}

export interface Metrics
  extends DeviceTrafficMetrics,
    ConnectionMetrics,
    DecisionMetrics,
    NotificationMetrics,
    TelemetryMetrics,
    TelephoneMetrics,
    DeviceFeedbackMetrics,
    DeviceCommandMetrics,
    DeviceRejectionMetrics {}
