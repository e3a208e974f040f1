/** Lines added and removed between two versions of an article (a longest-common-subsequence diff). */

export type DiffLine = { kind: 'same' | 'added' | 'removed'; text: string };

/** The lines of `after` against `before`, in order; articles are short, so O(n·m) is fine. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1) {
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const row = common[i] as number[];
      row[j] = a[i] === b[j] ? ((common[i + 1] as number[])[j + 1] as number) + 1 : Math.max((common[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] as string });
      i += 1;
      j += 1;
    } else if (((common[i + 1] as number[])[j] as number) >= ((common[i] as number[])[j + 1] as number)) {
      out.push({ kind: 'removed', text: a[i] as string });
      i += 1;
    } else {
      out.push({ kind: 'added', text: b[j] as string });
      j += 1;
    }
  }
  for (; i < a.length; i += 1) out.push({ kind: 'removed', text: a[i] as string });
  for (; j < b.length; j += 1) out.push({ kind: 'added', text: b[j] as string });
  return out;
}
