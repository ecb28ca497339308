/**
 * Display text of a number under a cell's number format, for the preview grid and `range.text`:
 * the codes templates use (`0.0`, `0.00%`, `#,##0`, quoted units such as `0.00" 人"`); anything
 * else shows as General.
 */
import { roundTo } from '../../core/evaluate/round';
import { formatGeneral } from './values';

export function formatNumber(n: number, code: string): string {
  const section = code.split(';')[n < 0 && code.includes(';') ? 1 : 0] ?? code;
  const clean = section.replace(/_.|\\.|"[^"]*"|\[[^\]]*\]/g, '').trim();
  if (clean === '' || /^general$/i.test(clean) || clean === '@') return formatGeneral(n);
  const pct = clean.includes('%');
  const m = /([#0,]*0)(?:\.(0+|#+))?/.exec(clean);
  if (!m) return formatGeneral(n);
  const decimals = m[2]?.length ?? 0;
  const value = pct ? n * 100 : n;
  let s = roundTo(Math.abs(value), decimals).toFixed(decimals);
  if (m[2]?.startsWith('#')) s = s.replace(/\.?0+$/, '');
  if (m[1].includes(',')) {
    const [int, frac] = s.split('.');
    s = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? `.${frac}` : '');
  }
  const sign = value < 0 && !code.includes(';') && Number(s.replace(/,/g, '')) !== 0 ? '-' : '';
  // Quoted literals keep their side of the number: `"≥"0.0` shows ≥11.0, `0.0"%"` shows 11.0%.
  const quoted = [...section.matchAll(/"([^"]*)"/g)];
  const firstDigit = section.replace(/"[^"]*"/g, (q) => ' '.repeat(q.length)).search(/[#0]/);
  const before = quoted.filter((q) => q.index! < firstDigit).map((q) => q[1]).join('');
  const after = quoted.filter((q) => q.index! >= firstDigit).map((q) => q[1]).join('');
  return `${before}${sign}${s}${pct ? '%' : ''}${after}`;
}
