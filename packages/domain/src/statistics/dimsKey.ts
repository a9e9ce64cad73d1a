/** Canonical text of a dimension combination: '' for none, else 'k1=v1;k2=v2' with sorted keys. */
export function dimsKeyOf(dims: Record<string, string>): string {
  return Object.keys(dims)
    .toSorted()
    .map((k) => `${k}=${dims[k]}`)
    .join(';');
}
