import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Metrics } from '../../app/ports/metrics.port.js';

// Prometheus metrics of one gateway instance. A registry per instance, so tests can run several in one process.

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    messagesReceived: new Counter({
      name: 'gateway_mqtt_messages_received_total',
      help: 'Device messages received, by channel',
      labelNames: ['channel'] as const,
      registers,
    }),
    messagesRejected: new Counter({
      name: 'gateway_mqtt_messages_rejected_total',
      help: 'Device messages rejected, by reason (rate_limited: refused because the device was over its message rate)',
      labelNames: ['reason'] as const,
      registers,
    }),
    rateLimitExempt: new Counter({
      name: 'gateway_mqtt_rate_limit_exempt_total',
      help: 'Life-safety events admitted although their device was over its message rate',
      registers,
    }),
    lifeSafetyMerged: new Counter({
      name: 'gateway_mqtt_life_safety_merged_total',
      help: 'Life-safety events over their device\'s message rate that repeated an alert already open, merged without a write',
      registers,
    }),
    messagesSalvaged: new Counter({
      name: 'gateway_mqtt_messages_salvaged_total',
      help: 'Life-safety events the schema refused that raised their alarm anyway (docs/device-protocol.md, 7.2), by type',
      labelNames: ['type'] as const,
      registers,
    }),
    inputDefects: new Counter({
      name: 'gateway_mqtt_input_defects_total',
      help: 'Defects found in salvaged life-safety events, by defect (ts_seconds, msg_id_invalid, extra_fields, ...)',
      labelNames: ['defect'] as const,
      registers,
    }),
    devicesFlagged: new Counter({
      name: 'gateway_devices_flagged_total',
      help: 'Devices given a maintenance visit for what they send, by reason (malformed_messages, message_flood)',
      labelNames: ['reason'] as const,
      registers,
    }),
    devicesDisconnected: new Counter({
      name: 'gateway_mqtt_devices_disconnected_total',
      help: 'Device connections the gateway closed itself, by reason (flooding: kept sending over its message rate; qos2_outstanding: too many QoS 2 messages or bytes awaiting PUBREL)',
      labelNames: ['reason'] as const,
      registers,
    }),
    mqttProtocolErrors: new Counter({
      name: 'gateway_mqtt_protocol_errors_total',
      help: 'MQTT connections closed by the broker for an error (malformed packet, PUBLISH before CONNECT, bad topic, a refused PUBLISH), by stage: before_connect, connected, or packet_too_large (a packet declaring more bytes than any device may send)',
      labelNames: ['stage'] as const,
      registers,
    }),
    mqttPendingClosed: new Counter({
      name: 'gateway_mqtt_pending_connections_closed_total',
      help: 'MQTT connections not yet logged in that were closed to make room, by cap: per_address_limit or pending_limit (the oldest goes)',
      labelNames: ['reason'] as const,
      registers,
    }),
    mqttPendingConnections: new Gauge({
      name: 'gateway_mqtt_pending_connections',
      help: 'MQTT connections open but not yet logged in',
      registers,
    }),
    httpConnectionsRefused: new Counter({
      name: 'gateway_http_connections_refused_total',
      help: 'HTTP connections closed on arrival, by reason: per_address_limit, or descriptor_reserve (the open files left are kept for devices)',
      labelNames: ['reason'] as const,
      registers,
    }),
    httpConnections: new Gauge({
      name: 'gateway_http_connections',
      help: 'Open HTTP connections, websockets included',
      registers,
    }),
    duplicatesIgnored: new Counter({
      name: 'gateway_mqtt_duplicate_messages_total',
      help: 'Redelivered device messages (same msgId) that changed nothing',
      registers,
    }),
    ingestFailures: new Counter({
      name: 'gateway_ingest_failures_total',
      help: 'Messages not acknowledged because the store failed; the device will send them again',
      registers,
    }),
    connectionsRefused: new Counter({
      name: 'gateway_mqtt_connections_refused_total',
      help: 'MQTT connections refused at CONNECT, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
    deviceFeedback: new Counter({
      name: 'gateway_device_feedback_total',
      help: 'Feedback to the device that raised an alarm (alarm_received, ...), by type and outcome (sent, failed, no_broker)',
      labelNames: ['type', 'outcome'] as const,
      registers,
    }),
    deviceRejections: new Counter({
      name: 'gateway_device_rejections_total',
      help: "The rejected replies on a device's commands topic, by reason and outcome (sent, rate_limited, failed, no_broker)",
      labelNames: ['reason', 'outcome'] as const,
      registers,
    }),
    deviceCommands: new Counter({
      name: 'gateway_device_commands_total',
      help: 'Commands to devices (locate, set_intervals, ...), by type and outcome (sent, send_failed, delivered, done, failed, expired)',
      labelNames: ['type', 'outcome'] as const,
      registers,
    }),
    deviceCommandResults: new Counter({
      name: 'gateway_device_command_results_total',
      help: "The devices' command_result messages, by outcome (applied; unknown_command, wrong_device, stale: dropped)",
      labelNames: ['outcome'] as const,
      registers,
    }),
    accessDenied: new Counter({
      name: 'gateway_mqtt_access_denied_total',
      help: 'Publishes and subscriptions refused by topic authorisation, by operation',
      labelNames: ['operation'] as const,
      registers,
    }),
    devicesConnected: new Gauge({
      name: 'gateway_devices_connected',
      help: 'Devices connected to the broker now',
      registers,
    }),
    alertsRaised: new Counter({
      name: 'gateway_alerts_raised_total',
      help: 'Alerts raised, by type and priority',
      labelNames: ['type', 'priority'] as const,
      registers,
    }),
    ackLatency: new Histogram({
      name: 'gateway_alert_ack_latency_seconds',
      help: 'Time from an alert being raised to its acknowledgement by the desk',
      labelNames: ['priority'] as const,
      buckets: [5, 10, 20, 30, 60, 90, 120, 180, 300, 600, 1800],
      registers,
    }),
    alertCommitSeconds: new Histogram({
      name: 'gateway_alert_commit_seconds',
      help: 'Time to durably commit a device event and its alert decision',
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5],
      registers,
    }),
    alertsCleared: new Counter({
      name: 'gateway_alerts_cleared_total',
      help: 'Alerts the gateway closed itself because the condition ended, by type',
      labelNames: ['type'] as const,
      registers,
    }),
    tasksCreated: new Counter({
      name: 'gateway_tasks_created_total',
      help: 'Tasks created by rules, by kind and reason',
      labelNames: ['kind', 'reason'] as const,
      registers,
    }),
    ruleIgnores: new Counter({
      name: 'gateway_rule_ignores_total',
      help: 'Messages and deadlines that changed nothing, by the reason the rule gave',
      labelNames: ['reason'] as const,
      registers,
    }),
    deadlinesFired: new Counter({
      name: 'gateway_deadlines_fired_total',
      help: 'Stored deadlines that came due and were handed to their rule, by kind',
      labelNames: ['kind'] as const,
      registers,
    }),
    commitConflicts: new Counter({
      name: 'gateway_commit_conflicts_total',
      help: 'Rule commits retried because an alert moved meanwhile (an operator acted at the same moment)',
      registers,
    }),
    notifications: new Counter({
      name: 'gateway_notifications_total',
      help: 'Attempts to send a notification through the channel, by topic and outcome (delivered, failed); a failed one is retried or given up',
      labelNames: ['topic', 'outcome'] as const,
      registers,
    }),
    notificationsPending: new Gauge({
      name: 'gateway_notifications_pending',
      help: 'Notifications in the outbox not yet delivered nor given up (with PostgreSQL: of every instance); growing means the channel is failing',
      registers,
    }),
    notificationsDelivered: new Counter({
      name: 'gateway_notifications_delivered_total',
      help: 'Notifications the channel took, by topic (a resend after a crash between delivery and mark counts again)',
      labelNames: ['topic'] as const,
      registers,
    }),
    notificationsRetried: new Counter({
      name: 'gateway_notifications_retried_total',
      help: 'Failed notification attempts scheduled again with backoff, by topic',
      labelNames: ['topic'] as const,
      registers,
    }),
    notificationsGivenUp: new Counter({
      name: 'gateway_notifications_given_up_total',
      help: 'Notifications still not delivered when their time ran out, by topic: nobody outside the desk was told; alert on any',
      labelNames: ['topic'] as const,
      registers,
    }),
    notificationDeliverySeconds: new Histogram({
      name: 'gateway_notification_delivery_seconds',
      help: 'Time from the decision to notify (the commit) to the channel taking the notification, by topic',
      labelNames: ['topic'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
      registers,
    }),
    telemetryPointsWritten: new Counter({
      name: 'gateway_telemetry_points_written_total',
      help: 'Telemetry points stored by each sink (the recent window, InfluxDB)',
      labelNames: ['sink'] as const,
      registers,
    }),
    telemetryBatches: new Counter({
      name: 'gateway_telemetry_batches_total',
      help: 'Telemetry batches sent by each sink, by outcome (written, failed, spooled, rejected)',
      labelNames: ['sink', 'outcome'] as const,
      registers,
    }),
    telemetryRetries: new Counter({
      name: 'gateway_telemetry_retries_total',
      help: 'Telemetry batches sent again after a failed write',
      labelNames: ['sink'] as const,
      registers,
    }),
    telemetrySpoolBytes: new Gauge({
      name: 'gateway_telemetry_spool_bytes',
      help: 'Telemetry held on disk while its destination is unreachable',
      labelNames: ['sink'] as const,
      registers,
    }),
    telemetrySpoolBatches: new Gauge({
      name: 'gateway_telemetry_spool_batches',
      help: 'Telemetry batches held on disk while their destination is unreachable',
      labelNames: ['sink'] as const,
      registers,
    }),
    telemetryPointsShed: new Counter({
      name: 'gateway_telemetry_points_shed_total',
      help: 'Telemetry points dropped on purpose, by sink and reason (spool_full, rejected_by_server, too_old, ...)',
      labelNames: ['sink', 'reason'] as const,
      registers,
    }),
    wsClients: new Gauge({ name: 'gateway_ws_clients', help: 'Dashboards connected to the live hub', registers }),
    wsClientsDropped: new Counter({
      name: 'gateway_ws_clients_dropped_total',
      help: 'Dashboard connections dropped because they could not keep up',
      registers,
    }),
    callsAnnounced: new Counter({
      name: 'gateway_telephony_calls_announced_total',
      help: 'Ringing calls a softphone or PBX announced through the telephony hook, by whether the number matched an elder (yes, no)',
      labelNames: ['matched'] as const,
      registers,
    }),
    complaintsOverdue: new Counter({
      name: 'gateway_complaints_overdue_total',
      help: 'Complaints (投诉) flagged to the supervisors because they passed their handling deadline unclosed (each once)',
      registers,
    }),
    clusterLeader: new Gauge({
      name: 'gateway_cluster_leader',
      help: '1 while this instance fires the deadlines for all instances on one PostgreSQL (always 1 alone)',
      registers,
    }),
  } satisfies Metrics & { registry: Registry };
}

/** The metrics as prom-client made them (tests read their values), and the registry /metrics serves them from. */
export type PromMetrics = ReturnType<typeof createMetrics>;
