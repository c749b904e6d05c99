// Levenshtein distance between two names: how "did you mean" finds the field a typo meant, for lesson
// fields (did-you-mean.ts) and Kubernetes API fields (manifest-validate.ts) alike.

/** Insertions, deletions and substitutions that turn `a` into `b`, one row of the table at a time. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
