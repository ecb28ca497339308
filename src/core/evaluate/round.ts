/**
 * Rounding shared by every surface, chosen to agree with Excel's ROUND.
 *
 * `roundTo(x, p)` rounds half AWAY FROM ZERO at p decimals, exactly like Excel's `ROUND(x, p)`:
 * the value is first read at 15 significant digits (as Excel does), so ROUND(1.005, 2) is 1.01
 * and 0.1 + 0.2 rounds to 0.3, not 0.30000000000000004. p may be negative (ROUND(1234, -2) = 1200).
 */
const POW10 = Array.from({ length: 16 }, (_, i) => Number(`1e${i}`));

export function roundTo(x: number, p: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  const digits = Math.max(-15, Math.min(15, Math.trunc(p)));
  const abs = Math.abs(x);
  if (abs >= 1e15 && digits >= 0) return x;
  if (digits >= 0) {
    // Fast path, same result: away from a half (where reading x at 15 significant digits could
    // change the rounding direction), Math.round on the scaled value, then one correctly rounded
    // division by the exact power of ten gives the double nearest to the decimal result.
    const scale = POW10[digits]!;
    const y = abs * scale;
    if (y < 1e11) {
      const frac = y - Math.floor(y);
      // Reading x at 15 significant digits moves y by at most 5e-15·y: stay clear of that around .5.
      if (Math.abs(frac - 0.5) > y * 1e-14 + 1e-9) {
        const r = Math.round(y);
        if (r === 0) return 0;
        const out = r / scale;
        return x < 0 ? -out : out;
      }
    }
  }
  // The decimal path: values at a half (a 接近 band of 5 % of 85 is 4.25, at one decimal) come
  // back for every unit of every file, so its answers are kept (bounded, cleared when full).
  const memo = (slowMemo[digits + 15] ??= new Map<number, number>());
  let out = memo.get(x);
  if (out === undefined) {
    out = decimalRound(x, abs, digits);
    if (memo.size >= 4096) memo.clear();
    memo.set(x, out);
  }
  return out;
}

const slowMemo: Array<Map<number, number> | undefined> = [];

function decimalRound(x: number, abs: number, digits: number): number {
  const [mantissa, exp] = abs.toExponential(14).split('e') as [string, string];
  const shifted = Number(`${mantissa}e${Number(exp) + digits}`);
  if (!Number.isFinite(shifted) || shifted >= 1e21) return x;
  const r = Math.round(shifted); // shifted ≥ 0, so half-up here is half-away-from-zero overall
  if (r === 0) return 0;
  const out = Number(`${r}e${-digits}`);
  return x < 0 ? -out : out;
}

// decimalsOf is pure: the few target values of a plan are asked about for every unit of every
// file (precision, 接近 band, gap), so each answer is kept (a bounded memo, cleared when full).
const decimals = new Map<number, number>();

/** Decimals in the shortest writing of x (4.2 → 1, 0.15 → 2, 2000 → 0), at most 10. */
export function decimalsOf(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return 0;
  let d = decimals.get(x);
  if (d === undefined) {
    d = shortestDecimals(x);
    if (decimals.size >= 4096) decimals.clear();
    decimals.set(x, d);
  }
  return d;
}

function shortestDecimals(x: number): number {
  for (let k = 1; k <= 3; k++) {
    const y = x * POW10[k]!;
    if (Math.abs(y) < 1e9 && Number.isInteger(y) && roundTo(x, k - 1) !== x) return k;
  }
  const s = String(Math.abs(roundTo(x, 10)));
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) return 10;
  const frac = m[2]?.length ?? 0;
  const exp = m[3] ? Number(m[3]) : 0;
  return Math.max(0, Math.min(10, frac - exp));
}

/** One step of the display grid: 10^-p, as a clean double (0.1, 0.01 …). */
export function stepOf(p: number): number {
  return Number(`1e${-Math.trunc(p)}`);
}
