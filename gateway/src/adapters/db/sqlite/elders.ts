import type { ElderRecordPatch } from '../../../app/ports/store/elder-import.port.js';
import type { ElderRecord, ElderStore } from '../../../app/ports/store/elders.port.js';
import { elderFromRow, elderRecordColumns, elderRecordPatchColumns, type ElderRow } from '../rows/store-registry-rows.js';
import type { SqliteContext } from './connection.js';
import { elderFilter } from './list-filter.js';

// The elders in the embedded store (app/ports/store/elders.port.ts), on the alarms connection.

/**
 * Writing a record, synchronously (better-sqlite3), so that the import can write many inside one transaction
 * (elder-import.ts) with the same statements registration uses.
 */
export function sqliteElderWrites(alarms: SqliteContext['alarms']): { insert(e: ElderRecord): void; update(id: string, patch: ElderRecordPatch): void } {
  const q = {
    insert: alarms.prepare(
      `INSERT INTO elders (id, name, address, phone, region_id, contacts, medical_notes, access_notes,
         assigned_responder_ids, risk_category, threshold_overrides, away_since, away_until, away_reason, created_at, id_number,
         home_lat, home_lng, care_groups, birth_date, sex, assessment_level, assessed_on, assessor, consent_given_on,
         consent_given_by, consent_relation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
         @care_groups, @birth_date, @sex, @assessment_level, @assessed_on, @assessor, @consent_given_on, @consent_given_by, @consent_relation)`,
    ),
    updateRecord: alarms.prepare(
      `UPDATE elders SET name = coalesce(@name, name), address = coalesce(@address, address),
         phone = CASE WHEN @set_phone THEN @phone ELSE phone END, region_id = coalesce(@region_id, region_id),
         contacts = coalesce(@contacts, contacts), medical_notes = coalesce(@medical_notes, medical_notes),
         access_notes = coalesce(@access_notes, access_notes),
         assigned_responder_ids = coalesce(@assigned_responder_ids, assigned_responder_ids),
         id_number = CASE WHEN @set_id_number THEN @id_number ELSE id_number END,
         home_lat = CASE WHEN @set_location THEN @home_lat ELSE home_lat END,
         home_lng = CASE WHEN @set_location THEN @home_lng ELSE home_lng END,
         care_groups = CASE WHEN @set_groups THEN @care_groups ELSE care_groups END,
         birth_date = CASE WHEN @set_birth_date THEN @birth_date ELSE birth_date END,
         sex = CASE WHEN @set_sex THEN @sex ELSE sex END,
         assessment_level = CASE WHEN @set_assessment THEN @assessment_level ELSE assessment_level END,
         assessed_on = CASE WHEN @set_assessment THEN @assessed_on ELSE assessed_on END,
         assessor = CASE WHEN @set_assessment THEN @assessor ELSE assessor END,
         consent_given_on = CASE WHEN @set_consent THEN @consent_given_on ELSE consent_given_on END,
         consent_given_by = CASE WHEN @set_consent THEN @consent_given_by ELSE consent_given_by END,
         consent_relation = CASE WHEN @set_consent THEN @consent_relation ELSE consent_relation END
       WHERE id = @id`,
    ),
  };
  return {
    insert(e) {
      q.insert.run(e.id, e.name, e.address, e.phone, e.regionId, JSON.stringify(e.contacts), e.medicalNotes, e.accessNotes,
        JSON.stringify(e.assignedResponderIds), e.riskCategory, JSON.stringify(e.thresholdOverrides),
        e.away?.since ?? null, e.away?.until ?? null, e.away?.reason ?? null, e.createdAt, e.idNumber,
        e.location?.lat ?? null, e.location?.lng ?? null, elderRecordColumns(e));
    },
    update(id, patch) {
      const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
      q.updateRecord.run({
        id,
        name: patch.name ?? null,
        address: patch.address ?? null,
        set_phone: patch.phone === undefined ? 0 : 1,
        phone: patch.phone ?? null,
        region_id: patch.regionId ?? null,
        contacts: json(patch.contacts),
        medical_notes: patch.medicalNotes ?? null,
        access_notes: patch.accessNotes ?? null,
        assigned_responder_ids: json(patch.assignedResponderIds),
        set_id_number: patch.idNumber === undefined ? 0 : 1,
        id_number: patch.idNumber ?? null,
        set_location: patch.location === undefined ? 0 : 1,
        home_lat: patch.location?.lat ?? null,
        home_lng: patch.location?.lng ?? null,
        set_groups: patch.groups === undefined ? 0 : 1,
        set_birth_date: patch.birthDate === undefined ? 0 : 1,
        set_sex: patch.sex === undefined ? 0 : 1,
        set_assessment: patch.assessment === undefined ? 0 : 1,
        set_consent: patch.consent === undefined ? 0 : 1,
        ...elderRecordPatchColumns(patch),
      });
    },
  };
}

export function createSqliteElders({ alarms }: SqliteContext): ElderStore {
  const writes = sqliteElderWrites(alarms);
  const q = {
    byId: alarms.prepare('SELECT * FROM elders WHERE id = ?'),
    all: alarms.prepare('SELECT * FROM elders ORDER BY id'),
    updateCareProfile: alarms.prepare('UPDATE elders SET risk_category = ?, threshold_overrides = ? WHERE id = ?'),
    setAway: alarms.prepare('UPDATE elders SET away_since = ?, away_until = ?, away_reason = ? WHERE id = ?'),
  };
  return {
    async createElder(e) {
      writes.insert(e);
    },
    async getElder(id) {
      const r = q.byId.get(id) as ElderRow | undefined;
      return r ? elderFromRow(r) : null;
    },
    async listElders(filter) {
      if (filter === undefined) return (q.all.all() as ElderRow[]).map(elderFromRow);
      const { where, params } = elderFilter(filter);
      const rows = alarms
        .prepare(`SELECT e.* FROM elders e JOIN regions r ON r.id = e.region_id ${where} ORDER BY e.id LIMIT ?`)
        .all(...params, filter.limit ?? -1) as ElderRow[];
      return rows.map(elderFromRow);
    },
    async updateElderRecord(id, patch) {
      writes.update(id, patch);
    },
    async updateElderCareProfile(id, profile) {
      q.updateCareProfile.run(profile.riskCategory, JSON.stringify(profile.thresholdOverrides), id);
    },
    async setElderAway(id, away) {
      q.setAway.run(away?.since ?? null, away?.until ?? null, away?.reason ?? null, id);
    },
  };
}
