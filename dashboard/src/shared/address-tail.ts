// The part of an address that tells two homes of one place apart. Addresses are written from the county down
// ("清源县东湖街道滨湖社区4栋2单元102"), so a one-line queue row cut at its end shows only the county, the same on every
// row. The row shows what follows the name of the elder's own region, or of a region above it, when the address
// contains one; the whole address otherwise (and always in the row's title and the pane).

interface NamedRegion {
  name: string;
  parentId: string | null;
}

export function addressTail(address: string, regionId: string, regions: ReadonlyMap<string, NamedRegion>): string {
  let region = regions.get(regionId);
  // from the elder's own region upwards: the lowest name found leaves the shortest tail
  for (let depth = 0; region && depth < 8; depth += 1) {
    const at = region.name.length > 0 ? address.lastIndexOf(region.name) : -1;
    if (at >= 0) {
      const tail = address.slice(at + region.name.length).trim();
      if (tail.length > 0) return tail;
    }
    region = region.parentId ? regions.get(region.parentId) : undefined;
  }
  return address;
}
