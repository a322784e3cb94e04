// Schema of the embedded SQLite store, applied in order; user_version records how far a file has come.

/**
 * A migration that rebuilds a table (SQLite cannot drop a NOT NULL): it runs with foreign keys off, as SQLite's own
 * procedure for other table changes asks (https://sqlite.org/lang_altertable.html#otheralter), and the runner
 * checks them before it commits.
 */
export interface SqliteRebuild {
  rebuild: string;
}

export const SQLITE_MIGRATIONS: readonly (string | SqliteRebuild)[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE elders (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    elder_id TEXT NOT NULL REFERENCES elders(id),
    kind TEXT NOT NULL,
    secret_hash TEXT NOT NULL,
    online INTEGER NOT NULL DEFAULT 0,
    battery REAL,
    last_seen_at INTEGER,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    priority INTEGER NOT NULL,
    status TEXT NOT NULL,
    elder_id TEXT NOT NULL REFERENCES elders(id),
    device_id TEXT NOT NULL,
    raised_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    count INTEGER NOT NULL,
    acknowledged_at INTEGER,
    acknowledged_by TEXT,
    resolved_at INTEGER,
    resolved_by TEXT,
    resolution_note TEXT,
    cancelled_at INTEGER
  );
  -- One open alert per (elder, type): a second one is impossible even if two writers race.
  CREATE UNIQUE INDEX alerts_one_open_per_elder_type ON alerts(elder_id, type)
    WHERE status IN ('raised', 'acknowledged');
  CREATE INDEX alerts_by_status ON alerts(status, priority, raised_at);
  CREATE TABLE alert_timeline (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id TEXT NOT NULL REFERENCES alerts(id),
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    note TEXT
  );
  CREATE INDEX alert_timeline_by_alert ON alert_timeline(alert_id, seq);
  -- Audit lines are never changed or removed.
  CREATE TRIGGER alert_timeline_no_update BEFORE UPDATE ON alert_timeline
    BEGIN SELECT RAISE(ABORT, 'alert_timeline is append-only'); END;
  CREATE TRIGGER alert_timeline_no_delete BEFORE DELETE ON alert_timeline
    BEGIN SELECT RAISE(ABORT, 'alert_timeline is append-only'); END;
  CREATE TABLE processed_messages (
    device_id TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, msg_id)
  ) WITHOUT ROWID;
  CREATE INDEX processed_messages_by_time ON processed_messages(received_at);
  CREATE TABLE dead_letters (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    reason TEXT NOT NULL,
    payload_excerpt TEXT NOT NULL,
    received_at INTEGER NOT NULL
  );
  `,
  // 2: every device kind. Care profiles and away state on elders, room and test mode on devices; alerts keyed for
  // deduplication by dedup_key (type, or type and device) instead of type; tasks, deadlines, rule memory, event log.
  `
  ALTER TABLE elders ADD COLUMN risk_category TEXT NOT NULL DEFAULT 'general';
  ALTER TABLE elders ADD COLUMN threshold_overrides TEXT NOT NULL DEFAULT '{}';
  ALTER TABLE elders ADD COLUMN away_since INTEGER;
  ALTER TABLE elders ADD COLUMN away_until INTEGER;
  ALTER TABLE elders ADD COLUMN away_reason TEXT;
  ALTER TABLE devices ADD COLUMN room TEXT;
  ALTER TABLE devices ADD COLUMN test_mode_until INTEGER;
  CREATE INDEX devices_by_elder ON devices(elder_id);
  ALTER TABLE alerts ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE alerts ADD COLUMN dedup_key TEXT NOT NULL DEFAULT '';
  ALTER TABLE alerts ADD COLUMN context TEXT NOT NULL DEFAULT '{}';
  ALTER TABLE alerts ADD COLUMN cleared_at INTEGER;
  UPDATE alerts SET dedup_key = type;
  DROP INDEX alerts_one_open_per_elder_type;
  -- One open alert per (elder, dedup key): a second one is impossible even if two writers race.
  CREATE UNIQUE INDEX alerts_one_open_per_elder_key ON alerts(elder_id, dedup_key)
    WHERE status IN ('raised', 'acknowledged');
  CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    test INTEGER NOT NULL,
    elder_id TEXT NOT NULL REFERENCES elders(id),
    device_id TEXT,
    alert_id TEXT,
    service TEXT,
    dedup_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    completed_at INTEGER,
    completed_by TEXT,
    note TEXT
  );
  CREATE UNIQUE INDEX tasks_one_open_per_elder_key ON tasks(elder_id, dedup_key) WHERE status = 'open';
  CREATE INDEX tasks_by_status ON tasks(status, created_at);
  CREATE TABLE deadlines (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    elder_id TEXT NOT NULL,
    device_id TEXT,
    due_at INTEGER NOT NULL,
    data TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX deadlines_by_due ON deadlines(due_at);
  CREATE INDEX deadlines_by_elder ON deadlines(elder_id);
  CREATE TABLE rule_states (
    elder_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (elder_id, key)
  ) WITHOUT ROWID;
  CREATE TABLE device_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id TEXT NOT NULL,
    elder_id TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    type TEXT NOT NULL,
    device_ts INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    payload TEXT NOT NULL
  );
  CREATE INDEX device_events_by_device ON device_events(device_id, seq);
  `,
  // 3: the care workflow. Regions (county → town → community) with a root county every store has; people with
  // roles, regions and lockout; the elder's record; dispatch, hold and escalation on alerts (more open statuses);
  // the task loop (assignee, due, outcome, month); an append-only audit log.
  `
  CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    parent_id TEXT REFERENCES regions(id),
    path TEXT NOT NULL UNIQUE
  );
  INSERT INTO regions (id, name, level, parent_id, path) VALUES ('county', '本县', 'county', NULL, '/county/');
  ALTER TABLE users ADD COLUMN display_name TEXT NOT NULL DEFAULT '';
  ALTER TABLE users ADD COLUMN region_id TEXT NOT NULL DEFAULT 'county';
  ALTER TABLE users ADD COLUMN responder_kind TEXT;
  ALTER TABLE users ADD COLUMN phone TEXT;
  ALTER TABLE users ADD COLUMN on_duty INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN locked_until INTEGER;
  UPDATE users SET display_name = username;
  ALTER TABLE elders ADD COLUMN region_id TEXT NOT NULL DEFAULT 'county';
  ALTER TABLE elders ADD COLUMN contacts TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE elders ADD COLUMN medical_notes TEXT NOT NULL DEFAULT '';
  ALTER TABLE elders ADD COLUMN access_notes TEXT NOT NULL DEFAULT '';
  ALTER TABLE elders ADD COLUMN assigned_responder_ids TEXT NOT NULL DEFAULT '[]';
  CREATE INDEX elders_by_region ON elders(region_id);
  ALTER TABLE alerts ADD COLUMN assignee_id TEXT;
  ALTER TABLE alerts ADD COLUMN assigned_at INTEGER;
  ALTER TABLE alerts ADD COLUMN accepted_at INTEGER;
  ALTER TABLE alerts ADD COLUMN arrived_at INTEGER;
  ALTER TABLE alerts ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE alerts ADD COLUMN late_arrival INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE alerts ADD COLUMN hold_until INTEGER;
  ALTER TABLE alerts ADD COLUMN hold_reason TEXT;
  ALTER TABLE alerts ADD COLUMN held_from TEXT;
  ALTER TABLE alerts ADD COLUMN resolution_reason TEXT;
  ALTER TABLE alerts ADD COLUMN declined_by TEXT NOT NULL DEFAULT '[]';
  DROP INDEX alerts_one_open_per_elder_key;
  CREATE UNIQUE INDEX alerts_one_open_per_elder_key_v3 ON alerts(elder_id, dedup_key)
    WHERE status IN ('raised', 'acknowledged', 'dispatched', 'on_site', 'on_hold');
  CREATE INDEX alerts_by_assignee ON alerts(assignee_id) WHERE assignee_id IS NOT NULL;
  CREATE INDEX alerts_by_raised_at ON alerts(raised_at);
  ALTER TABLE tasks ADD COLUMN month TEXT;
  ALTER TABLE tasks ADD COLUMN assignee_id TEXT;
  ALTER TABLE tasks ADD COLUMN due_at INTEGER;
  ALTER TABLE tasks ADD COLUMN assigned_at INTEGER;
  ALTER TABLE tasks ADD COLUMN accepted_at INTEGER;
  ALTER TABLE tasks ADD COLUMN outcome TEXT;
  DROP INDEX tasks_one_open_per_elder_key;
  CREATE UNIQUE INDEX tasks_one_open_per_elder_key_v3 ON tasks(elder_id, dedup_key) WHERE status IN ('open', 'assigned', 'accepted');
  -- One monthly visit per elder and month, whatever became of it: a restart of the schedule never doubles one.
  CREATE UNIQUE INDEX tasks_one_monthly_visit ON tasks(elder_id, month) WHERE kind = 'monthly_visit';
  CREATE INDEX tasks_by_assignee ON tasks(assignee_id) WHERE assignee_id IS NOT NULL;
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX audit_log_by_entity ON audit_log(entity_type, entity_id, seq);
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  `
  -- The secret as an external Mosquitto's password file wants it (docs/external-broker.md).
  ALTER TABLE devices ADD COLUMN broker_password_hash TEXT;
  `,
  // 5: the notification outbox. A notification is written in the transaction of what caused it and sent at least
  // once by app/notifications/notification-outbox.ts; its id is the idempotency key of every send.
  `
  CREATE TABLE notification_outbox (
    id TEXT PRIMARY KEY,
    topic TEXT NOT NULL,
    alert_id TEXT,
    notification TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- pending until a channel took it (delivered) or the sender stopped trying (given_up).
    state TEXT NOT NULL DEFAULT 'pending',
    -- Claims so far; a settlement names the claim it ends.
    attempts INTEGER NOT NULL DEFAULT 0,
    -- Due from then: the first attempt at once, a retry after its backoff, a claimed row when its lease ends.
    next_attempt_at INTEGER NOT NULL,
    claimed_by TEXT,
    last_error TEXT,
    settled_at INTEGER
  );
  CREATE INDEX notification_outbox_due ON notification_outbox(next_attempt_at) WHERE state = 'pending';
  CREATE INDEX notification_outbox_settled ON notification_outbox(settled_at) WHERE state <> 'pending';
  `,
  // The devices whose press is on an alert (a cancel withdraws only its own), and a cancel that did not withdraw it.
  // An alert raised before knew only its first device.
  `
  ALTER TABLE alerts ADD COLUMN raised_by TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE alerts ADD COLUMN cancel_requested_at INTEGER;
  UPDATE alerts SET raised_by = json_array(device_id);
  `,
  // Sessions that end (logout, revocation, a disabled account), and failed logins counted per name and address
  // (app/ports/store/accounts.port.ts). users.failed_logins and locked_until are no longer read: locks are per address
  // now.
  `
  ALTER TABLE users ADD COLUMN disabled_at INTEGER;
  ALTER TABLE sessions ADD COLUMN id TEXT;
  ALTER TABLE sessions ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN address TEXT;
  ALTER TABLE sessions ADD COLUMN revoked_at INTEGER;
  UPDATE sessions SET id = lower(hex(randomblob(16)));
  CREATE UNIQUE INDEX sessions_by_id ON sessions(id);
  CREATE INDEX sessions_by_user ON sessions(user_id, expires_at);
  CREATE TABLE login_failures (
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    failures INTEGER NOT NULL,
    locked_until INTEGER,
    PRIMARY KEY (username, address)
  );
  `,
  // Dead letters for the desk (GET /api/v1/dead-letters): what the schema found wrong, newest first by device.
  `
  ALTER TABLE dead_letters ADD COLUMN detail TEXT;
  CREATE INDEX dead_letters_by_device ON dead_letters(device_id, seq);
  `,
  // Tasks follow their alert: a task whose cause cleared by itself says when and why. The homes' daily activity
  // (app/activity/activity-tally.ts adds to it every few minutes), for the activity-trend rule and the desk's trend chart.
  `
  ALTER TABLE tasks ADD COLUMN cause_cleared_at INTEGER;
  ALTER TABLE tasks ADD COLUMN cause_cleared_note TEXT;
  CREATE TABLE activity_days (
    elder_id TEXT NOT NULL,
    day TEXT NOT NULL,
    motion_events INTEGER NOT NULL DEFAULT 0,
    door_events INTEGER NOT NULL DEFAULT 0,
    bed_minutes REAL NOT NULL DEFAULT 0,
    steps INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (elder_id, day)
  ) WITHOUT ROWID;
  CREATE INDEX activity_days_by_day ON activity_days(day);
  `,
  // An alert raised from a telephone call has no device; the elder's ID number (its last digits find a caller).
  {
    rebuild: `
  CREATE TABLE alerts_rebuilt (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    priority INTEGER NOT NULL,
    status TEXT NOT NULL,
    elder_id TEXT NOT NULL REFERENCES elders(id),
    device_id TEXT,
    raised_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    count INTEGER NOT NULL,
    acknowledged_at INTEGER,
    acknowledged_by TEXT,
    resolved_at INTEGER,
    resolved_by TEXT,
    resolution_note TEXT,
    cancelled_at INTEGER,
    test INTEGER NOT NULL DEFAULT 0,
    dedup_key TEXT NOT NULL DEFAULT '',
    context TEXT NOT NULL DEFAULT '{}',
    cleared_at INTEGER,
    assignee_id TEXT,
    assigned_at INTEGER,
    accepted_at INTEGER,
    arrived_at INTEGER,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    late_arrival INTEGER NOT NULL DEFAULT 0,
    hold_until INTEGER,
    hold_reason TEXT,
    held_from TEXT,
    resolution_reason TEXT,
    declined_by TEXT NOT NULL DEFAULT '[]',
    raised_by TEXT NOT NULL DEFAULT '[]',
    cancel_requested_at INTEGER
  );
  INSERT INTO alerts_rebuilt (id, type, priority, status, elder_id, device_id, raised_at, last_seen_at, count,
    acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution_note, cancelled_at, test, dedup_key, context,
    cleared_at, assignee_id, assigned_at, accepted_at, arrived_at, escalation_level, late_arrival, hold_until,
    hold_reason, held_from, resolution_reason, declined_by, raised_by, cancel_requested_at)
  SELECT id, type, priority, status, elder_id, device_id, raised_at, last_seen_at, count,
    acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution_note, cancelled_at, test, dedup_key, context,
    cleared_at, assignee_id, assigned_at, accepted_at, arrived_at, escalation_level, late_arrival, hold_until,
    hold_reason, held_from, resolution_reason, declined_by, raised_by, cancel_requested_at FROM alerts;
  DROP TABLE alerts;
  ALTER TABLE alerts_rebuilt RENAME TO alerts;
  CREATE UNIQUE INDEX alerts_one_open_per_elder_key_v3 ON alerts(elder_id, dedup_key)
    WHERE status IN ('raised', 'acknowledged', 'dispatched', 'on_site', 'on_hold');
  CREATE INDEX alerts_by_status ON alerts(status, priority, raised_at);
  CREATE INDEX alerts_by_assignee ON alerts(assignee_id) WHERE assignee_id IS NOT NULL;
  CREATE INDEX alerts_by_raised_at ON alerts(raised_at);
  ALTER TABLE elders ADD COLUMN id_number TEXT;
  `,
  },
  // The telephone desk (issue 19): every call on record with what came of it, complaints with their handling
  // deadline, and the tokens integrations (a PBX, a softphone) announce calls with. Links (alert, task, complaint,
  // follow-up call) carry no foreign key: a use case may write a link before what it names is committed.
  `
  CREATE TABLE calls (
    id TEXT PRIMARY KEY,
    direction TEXT NOT NULL,
    line TEXT NOT NULL,
    caller_number TEXT,
    elder_id TEXT REFERENCES elders(id),
    caller_name TEXT,
    address TEXT,
    category TEXT NOT NULL,
    note TEXT,
    outcome TEXT,
    region_id TEXT NOT NULL REFERENCES regions(id),
    operator_id TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    alert_id TEXT,
    task_id TEXT,
    complaint_id TEXT,
    party TEXT,
    external_id TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX calls_by_started ON calls(started_at, id);
  CREATE INDEX calls_by_elder ON calls(elder_id, started_at) WHERE elder_id IS NOT NULL;
  CREATE INDEX calls_by_alert ON calls(alert_id) WHERE alert_id IS NOT NULL;
  CREATE INDEX calls_by_region ON calls(region_id, started_at);
  CREATE TABLE complaints (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    subject TEXT NOT NULL,
    subject_name TEXT,
    statement TEXT NOT NULL,
    elder_id TEXT REFERENCES elders(id),
    region_id TEXT NOT NULL REFERENCES regions(id),
    call_id TEXT,
    owner_id TEXT,
    due_at INTEGER NOT NULL,
    overdue_flagged_at INTEGER,
    answer TEXT,
    answered_at INTEGER,
    follow_up_call_id TEXT,
    closed_at INTEGER,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL
  );
  CREATE INDEX complaints_by_status ON complaints(status, due_at);
  CREATE INDEX complaints_overdue_sweep ON complaints(due_at) WHERE overdue_flagged_at IS NULL AND status <> 'closed';
  CREATE INDEX complaints_by_region ON complaints(region_id, created_at);
  CREATE INDEX complaints_by_created ON complaints(created_at);
  CREATE INDEX complaints_by_closed ON complaints(closed_at) WHERE closed_at IS NOT NULL;
  CREATE TABLE integration_tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    region_id TEXT NOT NULL REFERENCES regions(id),
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at INTEGER
  );
  `,
  // Where a home is (issue 20): WGS-84 degrees, both null when not known; the desk and responders get map links.
  `
  ALTER TABLE elders ADD COLUMN home_lat REAL;
  ALTER TABLE elders ADD COLUMN home_lng REAL;
  `,
  // The shift handover (issue 20): what the outgoing operator writes for the next shift, and the indexes its
  // summary reads the shift's window by (notes on alert timelines, tasks overdue).
  `
  CREATE TABLE handover_notes (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    author TEXT NOT NULL,
    author_name TEXT NOT NULL,
    note TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX handover_notes_by_at ON handover_notes(at);
  CREATE INDEX alert_timeline_by_at ON alert_timeline(at);
  CREATE INDEX tasks_by_due ON tasks(due_at) WHERE due_at IS NOT NULL;
  `,
  // Who an elder is (issue 21): group tags (JSON text, as contacts), birth date and sex, the capability assessment
  // (GB/T 42195-2022) and the consent to monitoring; all null when not known. The guardian flag lives in contacts.
  `
  ALTER TABLE elders ADD COLUMN care_groups TEXT;
  ALTER TABLE elders ADD COLUMN birth_date TEXT;
  ALTER TABLE elders ADD COLUMN sex TEXT;
  ALTER TABLE elders ADD COLUMN assessment_level TEXT;
  ALTER TABLE elders ADD COLUMN assessed_on TEXT;
  ALTER TABLE elders ADD COLUMN assessor TEXT;
  ALTER TABLE elders ADD COLUMN consent_given_on TEXT;
  ALTER TABLE elders ADD COLUMN consent_given_by TEXT;
  ALTER TABLE elders ADD COLUMN consent_relation TEXT;
  `,
  // -- issue 21 (V): care visits (kind care_visit, was monthly_visit) per policy period, with attempts and the ways of
  // visiting that count; the visit policy table (one row: the rules as JSON, replaced whole by PUT /visit-policy),
  // seeded with the shipped default (core/visits/obligation.ts DEFAULT_VISIT_POLICY, docs/care-workflow.md). Old
  // monthly visits become attempt 1 of their month; a visit done as visited is recorded as at the door, or by phone
  // when a phone check completed it, and both counted then, so both count now (the past is not rewritten).
  `
  DROP INDEX tasks_one_monthly_visit;
  ALTER TABLE tasks RENAME COLUMN month TO period;
  ALTER TABLE tasks ADD COLUMN period_ends_at INTEGER;
  ALTER TABLE tasks ADD COLUMN attempt INTEGER;
  ALTER TABLE tasks ADD COLUMN visit_modes TEXT;
  ALTER TABLE tasks ADD COLUMN visit_mode TEXT;
  UPDATE tasks SET kind = 'care_visit', reason = 'care_visit', attempt = 1, dedup_key = REPLACE(dedup_key, 'monthly_visit:', 'care_visit:'),
    period_ends_at = due_at + 1, visit_modes = '["door","phone"]',
    visit_mode = CASE WHEN outcome IN ('visited', 'not_home', 'refused')
      THEN (CASE WHEN EXISTS (SELECT 1 FROM calls c WHERE c.task_id = tasks.id) THEN 'phone' ELSE 'door' END) END
    WHERE kind = 'monthly_visit';
  -- One task per elder, period and attempt, whatever became of it: a restart or a second run never doubles one.
  CREATE UNIQUE INDEX tasks_one_care_visit ON tasks(elder_id, period, attempt) WHERE kind = 'care_visit';
  CREATE TABLE visit_policy (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    rules TEXT NOT NULL,
    updated_at INTEGER,
    updated_by TEXT
  );
  INSERT INTO visit_policy (id, rules, updated_at, updated_by) VALUES (1, '[{"group":"living_alone","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"empty_nest","assessmentLevel":null,"frequency":"monthly","modes":["door","phone"]},{"group":"left_behind","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"disabled","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"severely_disabled","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"dementia","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"extreme_hardship","assessmentLevel":null,"frequency":"monthly","modes":["door","phone"]},{"group":"bereaved_only_child","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"minimum_living","assessmentLevel":null,"frequency":"quarterly","modes":["door","phone"]},{"group":"very_old","assessmentLevel":null,"frequency":"monthly","modes":["door","phone"]},{"group":null,"assessmentLevel":"severe","frequency":"weekly","modes":["door","phone","video"]},{"group":null,"assessmentLevel":"total","frequency":"weekly","modes":["door","phone","video"]}]', NULL, NULL);
  `,
  // -- issue 21 (I): elders are found by ID number (the import's idempotency key, and the check that a number is
  // registered once). Not UNIQUE: a database from before the check may hold a number twice, and must still migrate.
  `
  CREATE INDEX elders_by_id_number ON elders(id_number) WHERE id_number IS NOT NULL;
  `,
  // -- issue 22: devices report firmware and model, are retired (and replaced); commands to devices are stored
  // records and the queue at once (app/ports/store/device-commands.port.ts): seq keeps each device's order, the
  // pending index finds what expires next.
  `
  ALTER TABLE devices ADD COLUMN firmware TEXT;
  ALTER TABLE devices ADD COLUMN model TEXT;
  ALTER TABLE devices ADD COLUMN retired_at INTEGER;
  ALTER TABLE devices ADD COLUMN replaced_by TEXT;
  CREATE TABLE device_commands (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL REFERENCES devices(id),
    elder_id TEXT NOT NULL,
    alert_id TEXT,
    type TEXT NOT NULL,
    parameters TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    sent_at INTEGER,
    delivered_at INTEGER,
    finished_at INTEGER,
    send_count INTEGER NOT NULL DEFAULT 0,
    failure_reason TEXT,
    result_data TEXT
  );
  CREATE INDEX device_commands_by_device ON device_commands(device_id, seq);
  CREATE INDEX device_commands_by_alert ON device_commands(alert_id, seq) WHERE alert_id IS NOT NULL;
  CREATE INDEX device_commands_pending_by_deadline ON device_commands(expires_at) WHERE status IN ('queued', 'sent', 'delivered');
  `,
];
