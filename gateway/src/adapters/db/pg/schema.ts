// Schema of the PostgreSQL store, applied in order by migratePg; schema_migrations records how far a database has
// come. Migration 1 is the whole of SQLITE_MIGRATIONS 1-4 at once: the same tables, columns, constraints and
// foreign keys (and none that SQLite lacks), so that both engines accept and refuse the same writes.
//
// Types: epoch milliseconds are BIGINT (the pool parses them to numbers); flags are BOOLEAN. JSON values are TEXT
// holding what the gateway stringified, not JSONB: they read back byte for byte (JSONB reorders keys and refuses
// the \u0000 escape, which a note typed by a user may hold). SQL over them can still cast: `detail::jsonb`.
// Identifiers and paths that lists are ordered by use COLLATE "C", which orders bytewise as SQLite does; a
// database's locale collation would ignore the slashes of region paths and interleave a subtree with its siblings.

export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL,
    parent_id TEXT REFERENCES regions(id),
    path TEXT COLLATE "C" NOT NULL UNIQUE
  );
  -- The root county every store has (Store.rootRegion).
  INSERT INTO regions (id, name, level, parent_id, path) VALUES ('county', '本县', 'county', NULL, '/county/');

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT COLLATE "C" NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    region_id TEXT NOT NULL DEFAULT 'county',
    responder_kind TEXT,
    phone TEXT,
    on_duty BOOLEAN NOT NULL DEFAULT true,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until BIGINT,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    expires_at BIGINT NOT NULL
  );

  CREATE TABLE elders (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT,
    region_id TEXT NOT NULL DEFAULT 'county',
    contacts TEXT NOT NULL DEFAULT '[]',
    medical_notes TEXT NOT NULL DEFAULT '',
    access_notes TEXT NOT NULL DEFAULT '',
    assigned_responder_ids TEXT NOT NULL DEFAULT '[]',
    risk_category TEXT NOT NULL DEFAULT 'general',
    threshold_overrides TEXT NOT NULL DEFAULT '{}',
    away_since BIGINT,
    away_until BIGINT,
    away_reason TEXT,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX elders_by_region ON elders(region_id);

  CREATE TABLE devices (
    id TEXT COLLATE "C" PRIMARY KEY,
    elder_id TEXT NOT NULL REFERENCES elders(id),
    kind TEXT NOT NULL,
    room TEXT,
    secret_hash TEXT NOT NULL,
    -- The secret as an external Mosquitto's password file wants it (docs/external-broker.md).
    broker_password_hash TEXT,
    test_mode_until BIGINT,
    online BOOLEAN NOT NULL DEFAULT false,
    battery DOUBLE PRECISION,
    last_seen_at BIGINT,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX devices_by_elder ON devices(elder_id);

  CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    priority INTEGER NOT NULL,
    status TEXT NOT NULL,
    test BOOLEAN NOT NULL DEFAULT false,
    elder_id TEXT NOT NULL REFERENCES elders(id),
    device_id TEXT NOT NULL,
    dedup_key TEXT NOT NULL DEFAULT '',
    context TEXT NOT NULL DEFAULT '{}',
    raised_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    count INTEGER NOT NULL,
    acknowledged_at BIGINT,
    acknowledged_by TEXT,
    resolved_at BIGINT,
    resolved_by TEXT,
    resolution_note TEXT,
    cancelled_at BIGINT,
    cleared_at BIGINT,
    assignee_id TEXT,
    assigned_at BIGINT,
    accepted_at BIGINT,
    arrived_at BIGINT,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    late_arrival BOOLEAN NOT NULL DEFAULT false,
    hold_until BIGINT,
    hold_reason TEXT,
    held_from TEXT,
    resolution_reason TEXT,
    declined_by TEXT NOT NULL DEFAULT '[]'
  );
  -- One open alert per (elder, dedup key): a second one is impossible even if two gateways race.
  CREATE UNIQUE INDEX alerts_one_open_per_elder_key ON alerts(elder_id, dedup_key)
    WHERE status IN ('raised', 'acknowledged', 'dispatched', 'on_site', 'on_hold');
  CREATE INDEX alerts_by_status ON alerts(status, priority, raised_at);
  CREATE INDEX alerts_by_assignee ON alerts(assignee_id) WHERE assignee_id IS NOT NULL;
  CREATE INDEX alerts_by_raised_at ON alerts(raised_at);

  CREATE TABLE alert_timeline (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id TEXT NOT NULL REFERENCES alerts(id),
    at BIGINT NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    note TEXT
  );
  CREATE INDEX alert_timeline_by_alert ON alert_timeline(alert_id, seq);

  CREATE TABLE tasks (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    reason TEXT NOT NULL,
    status TEXT NOT NULL,
    test BOOLEAN NOT NULL,
    elder_id TEXT NOT NULL REFERENCES elders(id),
    device_id TEXT,
    alert_id TEXT,
    service TEXT,
    dedup_key TEXT NOT NULL,
    month TEXT,
    assignee_id TEXT,
    due_at BIGINT,
    created_at BIGINT NOT NULL,
    assigned_at BIGINT,
    accepted_at BIGINT,
    completed_at BIGINT,
    completed_by TEXT,
    outcome TEXT,
    note TEXT
  );
  CREATE UNIQUE INDEX tasks_one_open_per_elder_key ON tasks(elder_id, dedup_key) WHERE status IN ('open', 'assigned', 'accepted');
  -- One monthly visit per elder and month, whatever became of it: a restart of the schedule never doubles one.
  CREATE UNIQUE INDEX tasks_one_monthly_visit ON tasks(elder_id, month) WHERE kind = 'monthly_visit';
  CREATE INDEX tasks_by_status ON tasks(status, created_at);
  CREATE INDEX tasks_by_assignee ON tasks(assignee_id) WHERE assignee_id IS NOT NULL;

  CREATE TABLE deadlines (
    key TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    elder_id TEXT NOT NULL,
    device_id TEXT,
    due_at BIGINT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX deadlines_by_due ON deadlines(due_at);
  CREATE INDEX deadlines_by_elder ON deadlines(elder_id);

  CREATE TABLE rule_states (
    elder_id TEXT COLLATE "C" NOT NULL,
    key TEXT COLLATE "C" NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (elder_id, key)
  );

  CREATE TABLE processed_messages (
    device_id TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    received_at BIGINT NOT NULL,
    PRIMARY KEY (device_id, msg_id)
  );
  CREATE INDEX processed_messages_by_time ON processed_messages(received_at);

  CREATE TABLE device_events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id TEXT NOT NULL,
    elder_id TEXT NOT NULL,
    msg_id TEXT NOT NULL,
    type TEXT NOT NULL,
    device_ts BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    payload TEXT NOT NULL
  );
  CREATE INDEX device_events_by_device ON device_events(device_id, seq);

  CREATE TABLE dead_letters (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    reason TEXT NOT NULL,
    payload_excerpt TEXT NOT NULL,
    received_at BIGINT NOT NULL
  );

  CREATE TABLE audit_log (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX audit_log_by_entity ON audit_log(entity_type, entity_id, seq);

  -- Audit lines are never changed or removed. TRUNCATE skips row triggers, so it is refused by its own.
  CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
  END
  $$;
  CREATE TRIGGER alert_timeline_no_update_or_delete BEFORE UPDATE OR DELETE ON alert_timeline
    FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
  CREATE TRIGGER alert_timeline_no_truncate BEFORE TRUNCATE ON alert_timeline
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
  CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change();
  `,
  `
  -- The gateway instances sharing this database and an external broker: each consumes through this many broker
  -- sessions, which another instance serves while it is down (adapters/mqtt/consumer-stand-in.ts).
  CREATE TABLE cluster_members (
    instance_id TEXT COLLATE "C" PRIMARY KEY,
    consumers INTEGER NOT NULL,
    joined_at BIGINT NOT NULL
  );
  `,
  // 3: the notification outbox, as SQLite's migration 5 (pg/outbox.ts claims its rows for several senders).
  `
  CREATE TABLE notification_outbox (
    id TEXT PRIMARY KEY,
    topic TEXT NOT NULL,
    alert_id TEXT,
    notification TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- pending until a channel took it (delivered) or the sender stopped trying (given_up).
    state TEXT NOT NULL DEFAULT 'pending',
    -- Claims so far; a settlement names the claim it ends.
    attempts INTEGER NOT NULL DEFAULT 0,
    -- Due from then: the first attempt at once, a retry after its backoff, a claimed row when its lease ends.
    next_attempt_at BIGINT NOT NULL,
    claimed_by TEXT,
    last_error TEXT,
    settled_at BIGINT
  );
  CREATE INDEX notification_outbox_due ON notification_outbox(next_attempt_at) WHERE state = 'pending';
  CREATE INDEX notification_outbox_settled ON notification_outbox(settled_at) WHERE state <> 'pending';
  `,
  // The devices whose press is on an alert, and a cancel that did not withdraw it, as SQLite's alerts migration.
  `
  ALTER TABLE alerts ADD COLUMN raised_by TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE alerts ADD COLUMN cancel_requested_at BIGINT;
  UPDATE alerts SET raised_by = json_build_array(device_id)::text;
  `,
  // Sessions that end (logout, revocation, a disabled account), and failed logins counted per name and address
  // (app/ports/store/accounts.port.ts), as SQLite's sessions migration. users.failed_logins and locked_until are no
  // longer read.
  `
  ALTER TABLE users ADD COLUMN disabled_at BIGINT;
  ALTER TABLE sessions ADD COLUMN id TEXT;
  ALTER TABLE sessions ADD COLUMN created_at BIGINT NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN address TEXT;
  ALTER TABLE sessions ADD COLUMN revoked_at BIGINT;
  UPDATE sessions SET id = md5(random()::text || token_hash);
  CREATE UNIQUE INDEX sessions_by_id ON sessions(id);
  CREATE INDEX sessions_by_user ON sessions(user_id, expires_at);
  CREATE TABLE login_failures (
    username TEXT COLLATE "C" NOT NULL,
    address TEXT NOT NULL,
    failures INTEGER NOT NULL,
    locked_until BIGINT,
    PRIMARY KEY (username, address)
  );
  `,
  // Dead letters for the desk (GET /api/v1/dead-letters), as SQLite's dead-letters migration.
  `
  ALTER TABLE dead_letters ADD COLUMN detail TEXT;
  CREATE INDEX dead_letters_by_device ON dead_letters(device_id, seq);
  `,
  // Tasks follow their alert, and the homes' daily activity, as SQLite's migration of the same.
  `
  ALTER TABLE tasks ADD COLUMN cause_cleared_at BIGINT;
  ALTER TABLE tasks ADD COLUMN cause_cleared_note TEXT;
  CREATE TABLE activity_days (
    elder_id TEXT COLLATE "C" NOT NULL,
    day TEXT COLLATE "C" NOT NULL,
    motion_events INTEGER NOT NULL DEFAULT 0,
    door_events INTEGER NOT NULL DEFAULT 0,
    bed_minutes DOUBLE PRECISION NOT NULL DEFAULT 0,
    steps INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (elder_id, day)
  );
  CREATE INDEX activity_days_by_day ON activity_days(day);
  `,
  // An alert raised from a telephone call has no device; the elder's ID number, as SQLite's migration of the same.
  `
  ALTER TABLE alerts ALTER COLUMN device_id DROP NOT NULL;
  ALTER TABLE elders ADD COLUMN id_number TEXT;
  `,
  // The telephone desk: calls, complaints and integration tokens, as SQLite's migration of the same. Columns that
  // lists are ordered or paged by are COLLATE "C", as the file's header says.
  `
  CREATE TABLE calls (
    id TEXT COLLATE "C" PRIMARY KEY,
    direction TEXT NOT NULL,
    line TEXT COLLATE "C" NOT NULL,
    caller_number TEXT,
    elder_id TEXT REFERENCES elders(id),
    caller_name TEXT,
    address TEXT,
    category TEXT COLLATE "C" NOT NULL,
    note TEXT,
    outcome TEXT,
    region_id TEXT COLLATE "C" NOT NULL REFERENCES regions(id),
    operator_id TEXT NOT NULL,
    started_at BIGINT NOT NULL,
    ended_at BIGINT,
    alert_id TEXT,
    task_id TEXT,
    complaint_id TEXT,
    party TEXT,
    external_id TEXT,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX calls_by_started ON calls(started_at, id);
  CREATE INDEX calls_by_elder ON calls(elder_id, started_at) WHERE elder_id IS NOT NULL;
  CREATE INDEX calls_by_alert ON calls(alert_id) WHERE alert_id IS NOT NULL;
  CREATE INDEX calls_by_region ON calls(region_id, started_at);
  CREATE TABLE complaints (
    id TEXT COLLATE "C" PRIMARY KEY,
    status TEXT NOT NULL,
    subject TEXT NOT NULL,
    subject_name TEXT,
    statement TEXT NOT NULL,
    elder_id TEXT REFERENCES elders(id),
    region_id TEXT NOT NULL REFERENCES regions(id),
    call_id TEXT,
    owner_id TEXT,
    due_at BIGINT NOT NULL,
    overdue_flagged_at BIGINT,
    answer TEXT,
    answered_at BIGINT,
    follow_up_call_id TEXT,
    closed_at BIGINT,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL
  );
  CREATE INDEX complaints_by_status ON complaints(status, due_at);
  CREATE INDEX complaints_overdue_sweep ON complaints(due_at) WHERE overdue_flagged_at IS NULL AND status <> 'closed';
  CREATE INDEX complaints_by_region ON complaints(region_id, created_at);
  CREATE INDEX complaints_by_created ON complaints(created_at);
  CREATE INDEX complaints_by_closed ON complaints(closed_at) WHERE closed_at IS NOT NULL;
  CREATE TABLE integration_tokens (
    id TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    region_id TEXT NOT NULL REFERENCES regions(id),
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at BIGINT
  );
  `,
  // Where a home is, as SQLite's migration of the same.
  `
  ALTER TABLE elders ADD COLUMN home_lat DOUBLE PRECISION;
  ALTER TABLE elders ADD COLUMN home_lng DOUBLE PRECISION;
  `,
  // The shift handover, as SQLite's migration of the same.
  `
  CREATE TABLE handover_notes (
    id TEXT COLLATE "C" PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    author TEXT NOT NULL,
    author_name TEXT NOT NULL,
    note TEXT NOT NULL,
    at BIGINT NOT NULL
  );
  CREATE INDEX handover_notes_by_at ON handover_notes(at);
  CREATE INDEX alert_timeline_by_at ON alert_timeline(at);
  CREATE INDEX tasks_by_due ON tasks(due_at) WHERE due_at IS NOT NULL;
  `,
  // Who an elder is, as SQLite's migration of the same: group tags as JSON text (as contacts, not jsonb or text[]:
  // one row mapping for both engines, and the tags are read whole with the record).
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
  ALTER TABLE tasks ADD COLUMN period_ends_at BIGINT;
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
    updated_at BIGINT,
    updated_by TEXT
  );
  INSERT INTO visit_policy (id, rules, updated_at, updated_by) VALUES (1, '[{"group":"living_alone","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"empty_nest","assessmentLevel":null,"frequency":"monthly","modes":["door","phone"]},{"group":"left_behind","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"disabled","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"severely_disabled","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"dementia","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"extreme_hardship","assessmentLevel":null,"frequency":"monthly","modes":["door","phone"]},{"group":"bereaved_only_child","assessmentLevel":null,"frequency":"monthly","modes":["door"]},{"group":"minimum_living","assessmentLevel":null,"frequency":"quarterly","modes":["door","phone"]},{"group":"very_old","assessmentLevel":null,"frequency":"monthly","modes":["door","phone"]},{"group":null,"assessmentLevel":"severe","frequency":"weekly","modes":["door","phone","video"]},{"group":null,"assessmentLevel":"total","frequency":"weekly","modes":["door","phone","video"]}]', NULL, NULL);
  `,
  // -- issue 21 (I): elders by ID number, as SQLite's migration of the same (not UNIQUE, for the same reason).
  `
  CREATE INDEX elders_by_id_number ON elders(id_number) WHERE id_number IS NOT NULL;
  `,
  // -- issue 22: devices report firmware and model, are retired (and replaced); commands to devices are stored
  // records and the queue at once (app/ports/store/device-commands.port.ts): seq keeps each device's order, the
  // pending index finds what expires next.
  `
  ALTER TABLE devices ADD COLUMN firmware TEXT;
  ALTER TABLE devices ADD COLUMN model TEXT;
  ALTER TABLE devices ADD COLUMN retired_at BIGINT;
  ALTER TABLE devices ADD COLUMN replaced_by TEXT;
  CREATE TABLE device_commands (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    device_id TEXT NOT NULL REFERENCES devices(id),
    elder_id TEXT NOT NULL,
    alert_id TEXT,
    type TEXT NOT NULL,
    parameters TEXT NOT NULL,
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    sent_at BIGINT,
    delivered_at BIGINT,
    finished_at BIGINT,
    send_count INTEGER NOT NULL DEFAULT 0,
    failure_reason TEXT,
    result_data TEXT
  );
  CREATE INDEX device_commands_by_device ON device_commands(device_id, seq);
  CREATE INDEX device_commands_by_alert ON device_commands(alert_id, seq) WHERE alert_id IS NOT NULL;
  CREATE INDEX device_commands_pending_by_deadline ON device_commands(expires_at) WHERE status IN ('queued', 'sent', 'delivered');
  `,
];
