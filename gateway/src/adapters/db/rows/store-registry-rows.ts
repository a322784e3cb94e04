import type { Assessment, AssessmentLevel, Consent, ConsentRelation, DeviceKind, ElderGroup, EmergencyContact, ResponderKind, RiskCategory, Sex, ThresholdOverrides, UserRole } from '../../../../../schemas/index.js';
import type { DeviceRecord } from '../../../app/ports/store/devices.port.js';
import type { ElderRecord } from '../../../app/ports/store/elders.port.js';
import type { UserRecord } from '../../../app/ports/store/users.port.js';
import { flag, type Flag } from './store-rows.js';

// Rows of the registry (people who work in the system, elders and their devices) in both store engines, their mapping
// to records and back; the alert, task and log rows, and `Flag`, are in store-rows.ts.

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  region_id: string;
  responder_kind: string | null;
  phone: string | null;
  on_duty: Flag;
  disabled_at: number | null;
  created_at: number;
}

export const userFromRow = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  role: r.role as UserRole,
  regionId: r.region_id,
  responderKind: r.responder_kind as ResponderKind | null,
  phone: r.phone,
  onDuty: flag(r.on_duty),
  disabledAt: r.disabled_at,
  createdAt: r.created_at,
});

export const userToRow = (u: UserRecord): UserRow => ({
  id: u.id,
  username: u.username,
  display_name: u.displayName,
  password_hash: u.passwordHash,
  role: u.role,
  region_id: u.regionId,
  responder_kind: u.responderKind,
  phone: u.phone,
  on_duty: u.onDuty,
  disabled_at: u.disabledAt,
  created_at: u.createdAt,
});

export interface ElderRow {
  id: string;
  name: string;
  address: string;
  phone: string | null;
  id_number: string | null;
  /** The home's location, WGS-84 degrees; both null when not known. */
  home_lat: number | null;
  home_lng: number | null;
  region_id: string;
  contacts: string;
  medical_notes: string;
  access_notes: string;
  assigned_responder_ids: string;
  risk_category: string;
  threshold_overrides: string;
  away_since: number | null;
  away_until: number | null;
  away_reason: string | null;
  created_at: number;
  /**
   * The elder's group tags as JSON text (`["living_alone","dementia"]`) in both engines, as contacts are: the
   * catalogue is small and read whole with the record; null or '[]' when none. Not `groups`: a keyword in SQLite.
   */
  care_groups: string | null;
  birth_date: string | null;
  sex: string | null;
  /** The assessment: all three or none. */
  assessment_level: string | null;
  assessed_on: string | null;
  assessor: string | null;
  /** The consent to monitoring: all three or none. */
  consent_given_on: string | null;
  consent_given_by: string | null;
  consent_relation: string | null;
}

/** The elder-record columns (issue 21) of a record: null for what is not known. */
export const elderRecordColumns = (e: Pick<ElderRecord, 'groups' | 'birthDate' | 'sex' | 'assessment' | 'consent'>) => ({
  care_groups: e.groups && e.groups.length > 0 ? JSON.stringify(e.groups) : null,
  birth_date: e.birthDate ?? null,
  sex: e.sex ?? null,
  assessment_level: e.assessment?.level ?? null,
  assessed_on: e.assessment?.assessedOn ?? null,
  assessor: e.assessment?.assessor ?? null,
  consent_given_on: e.consent?.givenOn ?? null,
  consent_given_by: e.consent?.givenBy ?? null,
  consent_relation: e.consent?.relation ?? null,
});

/** The same columns for a patch: a null field (a removal) and an absent one both give nulls; the caller says which are set. */
export const elderRecordPatchColumns = (patch: { groups?: ElderGroup[]; birthDate?: string | null; sex?: Sex | null; assessment?: Assessment | null; consent?: Consent | null }) =>
  elderRecordColumns({
    ...(patch.groups ? { groups: patch.groups } : {}),
    ...(patch.birthDate ? { birthDate: patch.birthDate } : {}),
    ...(patch.sex ? { sex: patch.sex } : {}),
    ...(patch.assessment ? { assessment: patch.assessment } : {}),
    ...(patch.consent ? { consent: patch.consent } : {}),
  });

function elderRecordFromRow(r: ElderRow): Pick<ElderRecord, 'groups' | 'birthDate' | 'sex' | 'assessment' | 'consent'> {
  const groups = r.care_groups ? (JSON.parse(r.care_groups) as ElderGroup[]) : [];
  return {
    ...(groups.length > 0 ? { groups } : {}),
    ...(r.birth_date ? { birthDate: r.birth_date } : {}),
    ...(r.sex ? { sex: r.sex as Sex } : {}),
    ...(r.assessment_level && r.assessed_on && r.assessor
      ? { assessment: { level: r.assessment_level as AssessmentLevel, assessedOn: r.assessed_on, assessor: r.assessor } }
      : {}),
    ...(r.consent_given_on && r.consent_given_by && r.consent_relation
      ? { consent: { givenOn: r.consent_given_on, givenBy: r.consent_given_by, relation: r.consent_relation as ConsentRelation } }
      : {}),
  };
}

export const elderFromRow = (r: ElderRow): ElderRecord => ({
  id: r.id,
  name: r.name,
  address: r.address,
  phone: r.phone,
  idNumber: r.id_number ?? null,
  ...(r.home_lat !== null && r.home_lng !== null ? { location: { lat: Number(r.home_lat), lng: Number(r.home_lng) } } : {}),
  regionId: r.region_id,
  contacts: JSON.parse(r.contacts) as EmergencyContact[],
  medicalNotes: r.medical_notes,
  accessNotes: r.access_notes,
  assignedResponderIds: JSON.parse(r.assigned_responder_ids) as string[],
  riskCategory: r.risk_category as RiskCategory,
  thresholdOverrides: JSON.parse(r.threshold_overrides) as ThresholdOverrides,
  away: r.away_since === null ? null : { since: r.away_since, until: r.away_until, reason: r.away_reason ?? '' },
  createdAt: r.created_at,
  ...elderRecordFromRow(r),
});

export const elderToRow = (e: ElderRecord): ElderRow => ({
  id: e.id,
  name: e.name,
  address: e.address,
  phone: e.phone,
  id_number: e.idNumber,
  home_lat: e.location?.lat ?? null,
  home_lng: e.location?.lng ?? null,
  region_id: e.regionId,
  contacts: JSON.stringify(e.contacts),
  medical_notes: e.medicalNotes,
  access_notes: e.accessNotes,
  assigned_responder_ids: JSON.stringify(e.assignedResponderIds),
  risk_category: e.riskCategory,
  threshold_overrides: JSON.stringify(e.thresholdOverrides),
  away_since: e.away?.since ?? null,
  away_until: e.away?.until ?? null,
  away_reason: e.away?.reason ?? null,
  created_at: e.createdAt,
  ...elderRecordColumns(e),
});

/**
 * `text` as a LIKE pattern (ESCAPE '\\') that matches it anywhere, its own wildcards and the escape taken literally:
 * a device id may hold `_`, and a search for `btn_1` must not find `btnX1`.
 */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface DeviceRow {
  id: string;
  elder_id: string;
  kind: string;
  room: string | null;
  secret_hash: string;
  broker_password_hash: string | null;
  test_mode_until: number | null;
  online: Flag;
  battery: number | null;
  last_seen_at: number | null;
  created_at: number;
  firmware: string | null;
  model: string | null;
  retired_at: number | null;
  replaced_by: string | null;
}

export const deviceFromRow = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  elderId: r.elder_id,
  kind: r.kind as DeviceKind,
  room: r.room,
  secretHash: r.secret_hash,
  brokerPasswordHash: r.broker_password_hash,
  testModeUntil: r.test_mode_until,
  online: flag(r.online),
  battery: r.battery,
  lastSeenAt: r.last_seen_at,
  createdAt: r.created_at,
  firmware: r.firmware,
  model: r.model,
  retiredAt: r.retired_at,
  replacedBy: r.replaced_by,
});

export const deviceToRow = (d: DeviceRecord): DeviceRow => ({
  id: d.id,
  elder_id: d.elderId,
  kind: d.kind,
  room: d.room,
  secret_hash: d.secretHash,
  broker_password_hash: d.brokerPasswordHash,
  test_mode_until: d.testModeUntil,
  online: d.online,
  battery: d.battery,
  last_seen_at: d.lastSeenAt,
  created_at: d.createdAt,
  firmware: d.firmware,
  model: d.model,
  retired_at: d.retiredAt,
  replaced_by: d.replacedBy,
});
