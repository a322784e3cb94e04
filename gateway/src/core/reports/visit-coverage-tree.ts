import type { VisitCoverage, VisitGaps } from '../../../../schemas/index.js';

// The places of a coverage report: every region below the report's region, at every depth, built from parentId
// alone. No level is named here: how many levels a county has is configuration (issue 21), not code.

export interface CoveragePlace {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
}

export type Figures = VisitCoverage['total'];
type Row = VisitCoverage['rows'][number];

export const emptyGaps = (): VisitGaps => ({ not_home: 0, refused: 0, mode_not_counted: 0, not_attempted: 0, in_progress: 0 });

export const emptyFigures = (): Figures => ({ elders: 0, due: 0, covered: 0, rate: null, gaps: emptyGaps() });

/** Mutable tallies of one place or group; `elders` is a set until the figures are read out. */
export interface Tally {
  elders: Set<string>;
  due: number;
  covered: number;
  gaps: VisitGaps;
}

export const newTally = (): Tally => ({ elders: new Set(), due: 0, covered: 0, gaps: emptyGaps() });

export function figuresOf(t: Tally): Figures {
  return { elders: t.elders.size, due: t.due, covered: t.covered, rate: t.due === 0 ? null : t.covered / t.due, gaps: { ...t.gaps } };
}

const byName = new Intl.Collator('zh-CN');

/**
 * The places below `rootId`, depth-first (each place, then the places below it, siblings by name), each with its
 * depth (1 just below the root) and its chain of ancestors up to (not including) the root.
 */
export function placesBelow(rootId: string, places: readonly CoveragePlace[]): Array<{ place: CoveragePlace; depth: number }> {
  const children = new Map<string, CoveragePlace[]>();
  for (const p of places) {
    if (p.parentId === null) continue;
    const list = children.get(p.parentId) ?? [];
    list.push(p);
    children.set(p.parentId, list);
  }
  const out: Array<{ place: CoveragePlace; depth: number }> = [];
  // a visited set: a cycle in bad data must not hang the report
  const seen = new Set<string>([rootId]);
  const walk = (id: string, depth: number): void => {
    const kids = [...(children.get(id) ?? [])].sort((a, b) => byName.compare(a.name, b.name) || a.id.localeCompare(b.id));
    for (const kid of kids) {
      if (seen.has(kid.id)) continue;
      seen.add(kid.id);
      out.push({ place: kid, depth });
      walk(kid.id, depth + 1);
    }
  };
  walk(rootId, 1);
  return out;
}

/** The rows of the report: each place's tally (an elder counts in the place they live and every place above it). */
export function placeRows(ordered: ReadonlyArray<{ place: CoveragePlace; depth: number }>, tallies: ReadonlyMap<string, Tally>): Row[] {
  return ordered.map(({ place, depth }) => ({
    regionId: place.id,
    regionName: place.name,
    level: place.level,
    parentId: place.parentId,
    depth,
    ...figuresOf(tallies.get(place.id) ?? newTally()),
  }));
}
