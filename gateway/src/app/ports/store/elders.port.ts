import type { Assessment, AssessmentLevel, Consent, ElderGroup, EmergencyContact, GeoPoint, RiskCategory, Sex, ThresholdOverrides } from '../../../../../schemas/index.js';

// The elders in the store: who they are, where they live, whom to call, and their care profile. The care
// directory keeps what the rules need of them in memory.

export interface AwayRecord {
  since: number;
  until: number | null;
  reason: string;
}

export interface ElderRecord {
  id: string;
  name: string;
  address: string;
  phone: string | null;
  /** 居民身份证号 (18 characters, checksum checked at the edge); shown to desks masked, never logged. */
  idNumber: string | null;
  /**
   * Where the home is (WGS-84). Absent, never null, when not known: records made before homes had coordinates, and
   * the many places that make one without, stay as they were.
   */
  location?: GeoPoint;
  regionId: string;
  contacts: EmergencyContact[];
  medicalNotes: string;
  accessNotes: string;
  assignedResponderIds: string[];
  riskCategory: RiskCategory;
  thresholdOverrides: ThresholdOverrides;
  away: AwayRecord | null;
  createdAt: number;
  // Who the elder is (issue 21). Each is absent, never null, when not known, as `location`: records made before
  // these fields, and the places that make one without them (a caller registered from a call), stay as they were.
  /** Group tags, each once, in catalogue order (normaliseElderGroups); absent or [] when none. */
  groups?: ElderGroup[];
  /** YYYY-MM-DD, local calendar date. */
  birthDate?: string;
  sex?: Sex;
  assessment?: Assessment;
  consent?: Consent;
}

/** The record's fields that a change may remove: null in a patch removes them. */
export type ClearableElderFields = 'location' | 'birthDate' | 'sex' | 'assessment' | 'consent';

/** A page of elders by id; without a filter, every elder. */
export interface ElderFilter {
  /** Only elders in this region's subtree. */
  regionPath?: string;
  /** Keyset paging: only elders whose id sorts after this one. */
  afterId?: string;
  limit?: number;
  // The registry's filters (issue 21, the 名册 screen and its export).
  /** Only elders with this group tag. */
  group?: ElderGroup;
  /** With a birth date on or before this local date (YYYY-MM-DD): 高龄 as of today. */
  bornOnOrBefore?: string;
  /** Without a birth date on or before this date (younger, or not known). */
  notBornOnOrBefore?: string;
  /** With this assessment level; null: without an assessment. */
  assessmentLevel?: AssessmentLevel | null;
  /** A case-insensitive part of the name. */
  nameContains?: string;
  /** The ID number ends with this (upper-case X). */
  idNumberEndsWith?: string;
}

export interface ElderStore {
  createElder(elder: ElderRecord): Promise<void>;
  getElder(id: string): Promise<ElderRecord | null>;
  /** By id. */
  listElders(filter?: ElderFilter): Promise<ElderRecord[]>;
  updateElderRecord(
    id: string,
    patch: Partial<Pick<ElderRecord, 'name' | 'address' | 'phone' | 'idNumber' | 'regionId' | 'contacts' | 'medicalNotes' | 'accessNotes' | 'assignedResponderIds'>> & {
      /** null removes the home's location. */
      location?: GeoPoint | null;
      /** Replaces the tags; [] removes them. */
      groups?: ElderGroup[];
      /** null removes it, and so for sex, assessment and consent. */
      birthDate?: string | null;
      sex?: Sex | null;
      assessment?: Assessment | null;
      consent?: Consent | null;
    },
  ): Promise<void>;
  updateElderCareProfile(id: string, profile: { riskCategory: RiskCategory; thresholdOverrides: ThresholdOverrides }): Promise<void>;
  setElderAway(id: string, away: AwayRecord | null): Promise<void>;
}
