// How alike two short texts are, for the extractors that match a line against a known string.

/** Bigram Dice similarity of two strings, 0..1 (each bigram of `b` matched at most once). */
export function dice(a: string, b: string): number {
  const grams = (t: string) => Array.from({ length: Math.max(0, t.length - 1) }, (_, i) => t.slice(i, i + 2));
  const A = grams(a);
  const pool = new Map<string, number>();
  for (const g of grams(b)) pool.set(g, (pool.get(g) ?? 0) + 1);
  let hit = 0;
  for (const g of A) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      hit++;
      pool.set(g, n - 1);
    }
  }
  return (2 * hit) / (A.length + Math.max(0, b.length - 1) || 1);
}
