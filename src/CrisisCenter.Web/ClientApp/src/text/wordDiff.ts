// Word-level difference between two texts (longest common subsequence over words and the spaces between them).

export type DiffOp = "same" | "added" | "removed";
export interface DiffPart { op: DiffOp; text: string }

/** Beyond this many token pairs the texts are compared as wholes, to keep the page responsive. */
const maxCells = 4_000_000;

export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/gu) ?? [];
}

export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  push(parts, "same", a.slice(0, start).join(""));
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  if (middleA.length * middleB.length > maxCells) {
    push(parts, "removed", middleA.join(""));
    push(parts, "added", middleB.join(""));
  } else {
    for (const part of lcsDiff(middleA, middleB)) push(parts, part.op, part.text);
  }
  push(parts, "same", a.slice(endA).join(""));
  return parts;
}

function lcsDiff(a: string[], b: string[]): DiffPart[] {
  const n = a.length;
  const m = b.length;
  // lengths[i * (m + 1) + j] = length of the LCS of a[i..] and b[j..]
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j]
        ? lengths[(i + 1) * width + j + 1]! + 1
        : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      push(parts, "same", a[i]!);
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      push(parts, "removed", a[i]!);
      i++;
    } else {
      push(parts, "added", b[j]!);
      j++;
    }
  }
  while (i < n) push(parts, "removed", a[i++]!);
  while (j < m) push(parts, "added", b[j++]!);
  return parts;
}

function push(parts: DiffPart[], op: DiffOp, text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/** True when the two texts differ at all. */
export const differs = (before: string, after: string): boolean => before !== after;
