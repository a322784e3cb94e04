// The order regions are listed in by reports: depth first (a district, then its streets, each street followed by its
// communities), siblings by name as a Chinese reader sorts them. Ids are random, so ordering by path would reorder
// places from one deployment to the next.

export interface PlaceOnPath {
  id: string;
  name: string;
  /** `/rootId/…/id/`: its subtree is every path that starts with it. */
  path: string;
}

/** `places` in tree order by the names along their paths below `fromPath` (a path not below it sorts by its own ids). */
export function inTreeOrder<P extends PlaceOnPath>(places: readonly P[], fromPath: string, allPlaces: readonly PlaceOnPath[] = places): P[] {
  const nameOf = new Map(allPlaces.map((p) => [p.id, p.name]));
  const namesAlong = (p: P): string[] =>
    (p.path.startsWith(fromPath) ? p.path.slice(fromPath.length) : p.path)
      .split('/')
      .filter((id) => id !== '')
      .map((id) => nameOf.get(id) ?? id);
  const memo = new Map(places.map((p) => [p, namesAlong(p)]));
  return [...places].sort((a, b) => {
    const x = memo.get(a) as string[];
    const y = memo.get(b) as string[];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const order = (x[i] as string).localeCompare(y[i] as string, 'zh-CN');
      if (order !== 0) return order;
    }
    // a parent before its children; two siblings of one name by id, so the order is the same every time
    return x.length - y.length || a.id.localeCompare(b.id);
  });
}
