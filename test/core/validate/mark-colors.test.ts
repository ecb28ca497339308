/**
 * The colours validation marks cells with can be told apart: from the input fill a filler looks
 * for (#FFF2CC) and from each other (a warning is neither an error nor a value not filled in),
 * measured as CIELAB distance (ΔE76; ~2.3 is a just-noticeable difference, 40+ is a different
 * colour at a glance, also with red-green colour blindness where lightness and chroma differ);
 * text keeps WCAG contrast (≥ 4.5:1) on every mark.
 */
import { buildTemplate } from '../../../src/core/template/build';
import { COLORS, TEMPLATE_STYLES } from '../../../src/core/template/styles';
import { shippedPlan } from '../../helpers/shipped';
import { MARK_COLORS, MISSING_MARK_COLOR } from '../../../src/core/validate/marks';

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

function lab(hex: string): [number, number, number] {
  const [r, g, b] = rgb(hex).map(linear) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]!));

function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = rgb(hex).map(linear) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test('the measures are right on known pairs', () => {
  expect(deltaE('#FFFFFF', '#000000')).toBeCloseTo(100, 1);
  expect(contrast('#FFFFFF', '#000000')).toBeCloseTo(21, 5);
});

test('the warning mark is clearly not the input yellow, nor the error or the missing mark', () => {
  expect(deltaE(MARK_COLORS.warning, COLORS.input)).toBeGreaterThanOrEqual(40);
  expect(deltaE(MARK_COLORS.warning, MARK_COLORS.error)).toBeGreaterThanOrEqual(40);
  expect(deltaE(MARK_COLORS.warning, MISSING_MARK_COLOR)).toBeGreaterThanOrEqual(40);
  // Nor the 接近 status colour (a check cell's, next to the inputs).
  expect(deltaE(MARK_COLORS.warning, COLORS.near)).toBeGreaterThanOrEqual(40);
});

test('text stays readable on every mark', () => {
  for (const fill of [...Object.values(MARK_COLORS), MISSING_MARK_COLOR]) expect([fill, contrast(fill, '#000000') >= 4.5]).toEqual([fill, true]);
  expect(contrast(MARK_COLORS.warning, COLORS.markWarningText)).toBeGreaterThanOrEqual(4.5);
});

test('a template marks a doubtful input (a warning rule, 阳江 毕业班 > 入学时) with the warning mark, not the 接近 colour', () => {
  const plan = shippedPlan('yangjiang-2021-2025');
  expect(plan.rules.some((r) => r.kind === 'partLeTotal' && r.severity === 'warning')).toBe(true);
  const spec = buildTemplate(plan, { kind: 'return', units: ['甲校'], year: 2025, includeOverview: false });
  const doubtful = spec.sheets.flatMap((s) => s.conditionalFormats).filter((f) => f.style === 'input-doubtful');
  expect(doubtful.length).toBeGreaterThan(0);
  expect(spec.styles['input-doubtful']).toEqual(expect.objectContaining({ fill: MARK_COLORS.warning, font: expect.objectContaining({ color: COLORS.markWarningText }) }));
  expect(TEMPLATE_STYLES['input-doubtful']!.fill).not.toBe(COLORS.near);
});
