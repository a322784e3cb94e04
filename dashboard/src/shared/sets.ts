// Sets held in signals are replaced, never changed in place, so a component reading the signal sees the change.

export function addTo<T>(set: ReadonlySet<T>, item: T): ReadonlySet<T> {
  return new Set(set).add(item);
}

export function removeFrom<T>(set: ReadonlySet<T>, item: T): ReadonlySet<T> {
  const next = new Set(set);
  next.delete(item);
  return next;
}
