import type { RiskCategory, ThresholdOverrides, Thresholds } from '../../../../schemas/index.js';
import type { RuleStateValue } from '../../core/elder-state.js';
import { effectiveThresholds } from '../../core/thresholds.js';
import type { ElderSummary } from '../ports/store/alerts.port.js';
import type { RuleStateRecord } from '../ports/store/decisions.port.js';
import type { AwayRecord, ElderRecord } from '../ports/store/elders.port.js';

// What the rules need to know about each elder, held in memory so that a telemetry reading never waits for the
// store: the care profile with its effective thresholds, the away state, and the rules' memory. Loaded at start,
// updated only after the store committed the change.

export interface ElderCare {
  /** The elder as alerts and tasks show them, so announcing a change needs no read of the store. */
  summary: ElderSummary;
  regionId: string;
  riskCategory: RiskCategory;
  thresholdOverrides: ThresholdOverrides;
  thresholds: Thresholds;
  away: AwayRecord | null;
  ruleStates: Map<string, RuleStateValue>;
}

export class CareDirectory {
  private readonly elders = new Map<string, ElderCare>();

  static load(elders: ElderRecord[], ruleStates: RuleStateRecord[]): CareDirectory {
    const directory = new CareDirectory();
    for (const e of elders) directory.putElder(e);
    for (const s of ruleStates) directory.get(s.elderId)?.ruleStates.set(s.key, s.value);
    return directory;
  }

  putElder(e: Pick<ElderRecord, 'id' | 'name' | 'address' | 'regionId' | 'riskCategory' | 'thresholdOverrides' | 'away'>): void {
    const previous = this.elders.get(e.id);
    this.elders.set(e.id, {
      summary: { id: e.id, name: e.name, address: e.address, regionId: e.regionId },
      regionId: e.regionId,
      riskCategory: e.riskCategory,
      thresholdOverrides: e.thresholdOverrides,
      thresholds: effectiveThresholds(e.riskCategory, e.thresholdOverrides),
      away: e.away,
      ruleStates: previous?.ruleStates ?? new Map(),
    });
  }

  get(elderId: string): ElderCare | undefined {
    return this.elders.get(elderId);
  }

  ids(): IterableIterator<string> {
    return this.elders.keys();
  }
}
