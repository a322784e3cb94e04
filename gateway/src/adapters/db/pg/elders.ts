import type { QueryConfig } from 'pg';
import type { ElderRecordPatch } from '../../../app/ports/store/elder-import.port.js';
import type { ElderRecord, ElderStore } from '../../../app/ports/store/elders.port.js';
import { elderFromRow, elderRecordPatchColumns, elderToRow, type ElderRow } from '../rows/store-registry-rows.js';
import type { PgContext } from './connection.js';
import { elderFilter } from './list-filter.js';
import { columnList, ELDER_COLUMNS, insertInto, named, valuesOf } from './statements.js';

// The elders in the shared store (app/ports/store/elders.port.ts).

const q = {
  insert: named('insert-elder', insertInto('elders', ELDER_COLUMNS)),
  updateRecord: named(
    'update-elder-record',
    `UPDATE elders SET name = coalesce($2, name), address = coalesce($3, address),
       phone = CASE WHEN $4::boolean THEN $5 ELSE phone END, region_id = coalesce($6, region_id),
       contacts = coalesce($7, contacts), medical_notes = coalesce($8, medical_notes),
       access_notes = coalesce($9, access_notes), assigned_responder_ids = coalesce($10, assigned_responder_ids),
       id_number = CASE WHEN $11::boolean THEN $12 ELSE id_number END,
       home_lat = CASE WHEN $13::boolean THEN $14::double precision ELSE home_lat END,
       home_lng = CASE WHEN $13::boolean THEN $15::double precision ELSE home_lng END,
       care_groups = CASE WHEN $16::boolean THEN $17 ELSE care_groups END,
       birth_date = CASE WHEN $18::boolean THEN $19 ELSE birth_date END,
       sex = CASE WHEN $20::boolean THEN $21 ELSE sex END,
       assessment_level = CASE WHEN $22::boolean THEN $23 ELSE assessment_level END,
       assessed_on = CASE WHEN $22::boolean THEN $24 ELSE assessed_on END,
       assessor = CASE WHEN $22::boolean THEN $25 ELSE assessor END,
       consent_given_on = CASE WHEN $26::boolean THEN $27 ELSE consent_given_on END,
       consent_given_by = CASE WHEN $26::boolean THEN $28 ELSE consent_given_by END,
       consent_relation = CASE WHEN $26::boolean THEN $29 ELSE consent_relation END
     WHERE id = $1`,
  ),
  byId: named('elder-by-id', `SELECT ${columnList(ELDER_COLUMNS)} FROM elders WHERE id = $1`),
  all: named('all-elders', `SELECT ${columnList(ELDER_COLUMNS)} FROM elders ORDER BY id`),
  updateCareProfile: named('update-care-profile', 'UPDATE elders SET risk_category = $1, threshold_overrides = $2 WHERE id = $3'),
  setAway: named('set-away', 'UPDATE elders SET away_since = $1, away_until = $2, away_reason = $3 WHERE id = $4'),
};

/** The statements that write a record, shared with the import's transaction (elder-import.ts). */
export const insertElderQuery = (e: ElderRecord): QueryConfig => q.insert(...valuesOf(elderToRow(e), ELDER_COLUMNS));

export function updateElderQuery(id: string, patch: ElderRecordPatch): QueryConfig {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const c = elderRecordPatchColumns(patch);
  return q.updateRecord(id, patch.name ?? null, patch.address ?? null, patch.phone !== undefined, patch.phone ?? null, patch.regionId ?? null,
    json(patch.contacts), patch.medicalNotes ?? null, patch.accessNotes ?? null, json(patch.assignedResponderIds),
    patch.idNumber !== undefined, patch.idNumber ?? null,
    patch.location !== undefined, patch.location?.lat ?? null, patch.location?.lng ?? null,
    patch.groups !== undefined, c.care_groups, patch.birthDate !== undefined, c.birth_date, patch.sex !== undefined, c.sex,
    patch.assessment !== undefined, c.assessment_level, c.assessed_on, c.assessor,
    patch.consent !== undefined, c.consent_given_on, c.consent_given_by, c.consent_relation);
}

export function createPgElders({ pool, rows, first }: PgContext): ElderStore {
  return {
    async createElder(e) {
      await pool.query(insertElderQuery(e));
    },
    async getElder(id) {
      const r = await first<ElderRow>(q.byId(id));
      return r ? elderFromRow(r) : null;
    },
    async listElders(filter) {
      if (filter === undefined) return (await rows<ElderRow>(q.all())).map(elderFromRow);
      const { where, values } = elderFilter(filter);
      const text = `SELECT ${columnList(ELDER_COLUMNS, 'e')} FROM elders e JOIN regions r ON r.id = e.region_id ${where} ORDER BY e.id LIMIT $${values.length + 1}`;
      return (await pool.query<ElderRow>(text, [...values, filter.limit ?? null])).rows.map(elderFromRow);
    },
    async updateElderRecord(id, patch) {
      await pool.query(updateElderQuery(id, patch));
    },
    async updateElderCareProfile(id, profile) {
      await pool.query(q.updateCareProfile(profile.riskCategory, JSON.stringify(profile.thresholdOverrides), id));
    },
    async setElderAway(id, away) {
      await pool.query(q.setAway(away?.since ?? null, away?.until ?? null, away?.reason ?? null, id));
    },
  };
}
