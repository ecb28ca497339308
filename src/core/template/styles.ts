/**
 * The named styles every template uses. One table, so the colour of an input cell is the same
 * in every template kind and in both renderers, and the legend matches what it explains.
 */
import type { StyleSpec } from './spec';

/** Colours: the input colour is the one a filler looks for; computed and check cells differ from it. */
export const COLORS = {
  input: '#FFF2CC',
  computed: '#DDEBF7',
  check: '#EDEDED',
  reference: '#F2F2F2',
  header: '#1F4E78',
  headerText: '#FFFFFF',
  section: '#D9E1F2',
  border: '#BFBFBF',
  met: '#C6EFCE',
  metText: '#006100',
  near: '#FFEB9C',
  nearText: '#9C5700',
  unmet: '#FFC7CE',
  unmetText: '#9C0006',
  noData: '#F2F2F2',
  noDataText: '#595959', // 7:1 on the no-data fill: readable, still greyer than the text around it
  invalid: '#7030A0', // 数据有误: its own colour, unlike any status
  invalidText: '#FFFFFF',
  unmetBinding: '#C00000', // 未达标（约束性）: darker than 未达标
  unmetBindingText: '#FFFFFF',
  undetermined: '#E4DFEC',
  undeterminedText: '#5B4A7A',
  // Validation marks on the cells to fix (core/validate/marks.ts; the add-in's marks, the pane's
  // legend, the review sheet). The warning mark is Excel's standard orange-amber, far from the
  // input yellow (#FFF2CC, which the old #FFEB9C was hard to tell from), the error pink and the
  // missing orange; dark text on it for the templates' own warning format.
  markError: '#FFC7CE',
  markWarning: '#FFC000',
  markWarningText: '#5C3D00',
  markMissing: '#F8CBAD',
  markInfo: '#DDEBF7',
} as const;

export type StyleId =
  | 'title'
  | 'subtitle'
  | 'note'
  | 'header'
  | 'section'
  | 'label'
  | 'label-center'
  | 'input'
  | 'input-text'
  | 'computed'
  | 'check'
  | 'reference'
  | 'reference-text'
  | 'summary-label'
  | 'summary'
  | 'summary-check'
  | 'status-met'
  | 'status-near'
  | 'status-unmet'
  | 'status-no-data'
  | 'status-undetermined'
  | 'status-invalid'
  | 'status-unmet-binding'
  | 'sign-label'
  | 'sign-input'
  | 'input-invalid'
  | 'input-doubtful';

const cell = (fill: string, extra: StyleSpec = {}): StyleSpec => ({
  fill,
  border: COLORS.border,
  align: { vertical: 'middle', ...extra.align },
  ...(extra.font ? { font: extra.font } : {}),
});

export const TEMPLATE_STYLES: Record<StyleId, StyleSpec> = {
  title: { font: { bold: true, size: 14 }, align: { horizontal: 'left', vertical: 'middle' } },
  subtitle: { font: { size: 10, color: '#404040' }, align: { horizontal: 'left', vertical: 'middle' } },
  note: { font: { size: 9, color: '#595959', italic: true }, align: { horizontal: 'left', vertical: 'top', wrap: true } },
  header: {
    fill: COLORS.header,
    font: { bold: true, color: COLORS.headerText },
    align: { horizontal: 'center', vertical: 'middle', wrap: true },
    border: COLORS.border,
  },
  section: { fill: COLORS.section, font: { bold: true }, align: { horizontal: 'left', vertical: 'middle' }, border: COLORS.border },
  label: { align: { horizontal: 'left', vertical: 'middle', wrap: true }, border: COLORS.border },
  'label-center': { align: { horizontal: 'center', vertical: 'middle' }, border: COLORS.border },
  input: cell(COLORS.input, { align: { horizontal: 'right' } }),
  'input-text': cell(COLORS.input, { align: { horizontal: 'left', wrap: true } }),
  computed: cell(COLORS.computed, { align: { horizontal: 'right' } }),
  check: cell(COLORS.check, { align: { horizontal: 'center' } }),
  reference: cell(COLORS.reference, { align: { horizontal: 'right' } }),
  'reference-text': cell(COLORS.reference, { align: { horizontal: 'left', wrap: true } }),
  'summary-label': { fill: COLORS.section, font: { bold: true }, align: { horizontal: 'left', vertical: 'middle' }, border: COLORS.border },
  summary: cell(COLORS.computed, { align: { horizontal: 'right' }, font: { bold: true } }),
  'summary-check': cell(COLORS.check, { align: { horizontal: 'center' }, font: { bold: true } }),
  // Conditional-format styles: fill and font colour only (what every host honours there).
  // (align only matters where a status style is a plain cell: the legend; conditional formats take fill and font)
  'status-met': { fill: COLORS.met, font: { color: COLORS.metText }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  'status-near': { fill: COLORS.near, font: { color: COLORS.nearText }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  'status-unmet': { fill: COLORS.unmet, font: { color: COLORS.unmetText, bold: true }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  'status-no-data': { fill: COLORS.noData, font: { color: COLORS.noDataText }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  'status-undetermined': { fill: COLORS.undetermined, font: { color: COLORS.undeterminedText }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  'status-invalid': { fill: COLORS.invalid, font: { color: COLORS.invalidText, bold: true }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  'status-unmet-binding': { fill: COLORS.unmetBinding, font: { color: COLORS.unmetBindingText, bold: true }, align: { horizontal: 'center', vertical: 'middle', wrap: true } },
  // The sign-off block: plain text and a bordered space to write or sign in (printed white).
  'sign-label': { font: { bold: true }, align: { horizontal: 'right', vertical: 'middle' } },
  'sign-input': { align: { horizontal: 'left', vertical: 'middle' }, border: COLORS.border },
  // Input cells whose part exceeds its total (a rule of the plan): error / warning.
  'input-invalid': { fill: COLORS.invalid, font: { color: COLORS.invalidText, bold: true } },
  // A doubtful input (a warning rule): the warning mark of validation, not the 接近 status colour (too close to the input yellow).
  'input-doubtful': { fill: COLORS.markWarning, font: { color: COLORS.markWarningText, bold: true } },
};
