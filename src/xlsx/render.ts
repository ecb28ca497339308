/**
 * Renders a TemplateSpec into an .xlsx with ExcelJS, avoiding what makes Excel "repair" a file
 * (see shared toolchain notes): workbook-scoped defined names only, a plain `{formula}` per cell
 * (no shared formulas), no empty conditional-format blocks, no inline list over 255 characters,
 * no cached NaN (we write no cached results at all and ask for a full recalculation on load),
 * metadata in a `veryHidden` sheet (ExcelJS drops custom XML parts).
 */
import ExcelJS from 'exceljs';
import { DEFAULT_FONT, type CellSpec, type SheetSpec, type StyleSpec, type TemplateSpec, type ValidationSpec } from '../core/template/spec';

const argb = (hex: string): string => `FF${hex.replace(/^#/, '').toUpperCase()}`;

/** A cell style object for ExcelJS, built once per (style, number format, lock) combination. */
function cellStyle(style: StyleSpec | undefined, numFmt: string | undefined, locked: boolean): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (style?.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style?.font) {
    out.font = {
      name: DEFAULT_FONT.name,
      size: style.font.size ?? DEFAULT_FONT.size,
      bold: style.font.bold,
      italic: style.font.italic,
      ...(style.font.color ? { color: { argb: argb(style.font.color) } } : {}),
    };
  } else {
    out.font = { name: DEFAULT_FONT.name, size: DEFAULT_FONT.size };
  }
  if (style?.align) {
    out.alignment = {
      horizontal: style.align.horizontal,
      vertical: style.align.vertical,
      wrapText: style.align.wrap,
      indent: style.align.indent,
    };
  }
  if (style?.border) {
    const edge: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: argb(style.border) } };
    out.border = { top: edge, left: edge, bottom: edge, right: edge };
  }
  if (numFmt) out.numFmt = numFmt;
  if (!locked) out.protection = { locked: false };
  return out;
}

function cellValue(cell: CellSpec): ExcelJS.CellValue {
  if (cell.formula !== undefined) return { formula: cell.formula } as ExcelJS.CellFormulaValue;
  // A string is stored as a (shared) string: ExcelJS never parses it, so `=x` stays text.
  return cell.value ?? null;
}

function dataValidation(v: ValidationSpec): ExcelJS.DataValidation {
  const common = {
    allowBlank: v.allowBlank,
    showInputMessage: v.prompt !== undefined,
    promptTitle: v.prompt?.title,
    prompt: v.prompt?.text,
    showErrorMessage: v.error !== undefined,
    errorStyle: v.error?.style,
    errorTitle: v.error?.title,
    error: v.error?.text,
  };
  switch (v.rule.type) {
    case 'custom':
      return { ...common, type: 'custom', formulae: [v.rule.formula] };
    case 'list':
      return { ...common, type: 'list', formulae: [`"${v.rule.values.join(',')}"`] };
    case 'decimal':
    case 'whole': {
      const { min, max } = v.rule;
      if (min !== undefined && max !== undefined) return { ...common, type: v.rule.type, operator: 'between', formulae: [min, max] };
      if (min !== undefined) return { ...common, type: v.rule.type, operator: 'greaterThanOrEqual', formulae: [min] };
      if (max !== undefined) return { ...common, type: v.rule.type, operator: 'lessThanOrEqual', formulae: [max] };
      return { ...common, type: 'any', formulae: [] } as unknown as ExcelJS.DataValidation;
    }
  }
}

/** A conditional format's differential style: fill in `bgColor` (that is how dxf fills work). */
function dxfStyle(style: StyleSpec | undefined): Partial<ExcelJS.Style> {
  const out: Partial<ExcelJS.Style> = {};
  if (style?.fill) out.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(style.fill) } };
  if (style?.font) {
    out.font = { bold: style.font.bold, italic: style.font.italic, ...(style.font.color ? { color: { argb: argb(style.font.color) } } : {}) };
  }
  return out;
}

async function renderSheet(wb: ExcelJS.Workbook, spec: TemplateSpec, sheet: SheetSpec): Promise<void> {
  const ws = wb.addWorksheet(sheet.name, {
    properties: sheet.tabColor ? { tabColor: { argb: argb(sheet.tabColor) } } : {},
    views: sheet.freeze && (sheet.freeze.rows > 0 || sheet.freeze.columns > 0)
      ? [{ state: 'frozen', xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }]
      : [{}],
  });
  for (const c of sheet.columns) {
    const col = ws.getColumn(c.index);
    col.width = c.width;
    if (c.hidden) col.hidden = true;
  }
  for (const r of sheet.rows) ws.getRow(r.index).height = r.height;

  const styleCache = new Map<string, Partial<ExcelJS.Style>>();
  for (const [address, cell] of Object.entries(sheet.cells)) {
    const target = ws.getCell(address);
    target.value = cellValue(cell);
    const locked = cell.locked !== false;
    const key = `${cell.style ?? ''}\u0000${cell.numFmt ?? ''}\u0000${locked ? 1 : 0}`;
    let style = styleCache.get(key);
    if (!style) {
      style = cellStyle(cell.style ? spec.styles[cell.style] : undefined, cell.numFmt, locked);
      styleCache.set(key, style);
    }
    // A copy per cell: ExcelJS mutates style objects when a single property is set later.
    target.style = { ...style };
    if (cell.note) target.note = cell.note;
  }
  for (const m of sheet.merges) ws.mergeCells(m);
  // Range-level validations: ExcelJS supports them (`sqref` = the range) but its typings omit the API.
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  for (const v of sheet.validations) validations.add(v.range, dataValidation(v));

  // One conditional-formatting block per range, never an empty one.
  const byRange = new Map<string, ExcelJS.ConditionalFormattingRule[]>();
  for (const cf of [...sheet.conditionalFormats].sort((a, b) => a.priority - b.priority)) {
    let rules = byRange.get(cf.range);
    if (!rules) byRange.set(cf.range, (rules = []));
    rules.push({ type: 'expression', formulae: [cf.formula], style: dxfStyle(spec.styles[cf.style]), priority: cf.priority });
  }
  for (const [ref, rules] of byRange) if (rules.length > 0) ws.addConditionalFormatting({ ref, rules });

  if (sheet.print) {
    ws.pageSetup = {
      ...ws.pageSetup,
      orientation: sheet.print.orientation,
      // OOXML paper codes: 9 = A4, 8 = A3 (ExcelJS's enum lacks A3).
      paperSize: (sheet.print.paperSize === 'A3' ? 8 : 9) as unknown as ExcelJS.PaperSize,
      fitToPage: sheet.print.fitToWidth > 0 || sheet.print.fitToHeight > 0,
      fitToWidth: sheet.print.fitToWidth,
      fitToHeight: sheet.print.fitToHeight,
      printTitlesRow: sheet.print.titleRows,
      ...(sheet.print.titleColumns ? { printTitlesColumn: sheet.print.titleColumns } : {}),
      printArea: sheet.print.printArea,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    };
    // Page numbers: &C centres the footer; &P and &N are the page and the page count.
    if (sheet.print.footer) ws.headerFooter = { ...ws.headerFooter, oddFooter: `&C${sheet.print.footer}` };
  }
  if (sheet.protection) {
    const p = sheet.protection;
    await ws.protect(p.password ?? '', {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatColumns: p.allowFormatColumns,
      formatRows: p.allowFormatRows,
      insertRows: p.allowInsertRows,
      sort: p.allowSort,
      autoFilter: p.allowAutoFilter,
      spinCount: p.password ? 100000 : 0,
    });
  }
}

function renderMetadata(wb: ExcelJS.Workbook, spec: TemplateSpec): void {
  const ws = wb.addWorksheet(spec.hiddenMetadata.sheetName, { state: 'veryHidden' });
  spec.hiddenMetadata.rows.forEach((row, r) => {
    // Text only: a unit name such as "=1+1" must come back as that text.
    const target = ws.getRow(r + 1);
    row.forEach((text, c) => {
      const cell = target.getCell(c + 1);
      cell.value = text;
      cell.numFmt = '@';
    });
  });
}

/** The workbook for a spec (not yet serialised). */
export async function renderTemplate(spec: TemplateSpec): Promise<ExcelJS.Workbook> {
  return renderTemplates([spec]);
}

/**
 * Several specs in one workbook, in order (a consolidation summary: its sheets and one return per
 * level, each with its own metadata sheet and names). A spec without metadata rows adds none.
 */
export async function renderTemplates(specs: readonly TemplateSpec[]): Promise<ExcelJS.Workbook> {
  const first = specs[0];
  if (!first) throw new RangeError('renderTemplates: no spec');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'edu-indicators';
  wb.title = `${first.meta.planId} ${first.meta.kind}`;
  wb.subject = first.meta.planHash;
  wb.created = new Date(0);
  wb.modified = new Date(0);
  // No cached results are written: every host recalculates when it opens the file.
  wb.calcProperties.fullCalcOnLoad = true;
  for (const spec of specs) {
    for (const sheet of spec.sheets) await renderSheet(wb, spec, sheet);
    if (spec.hiddenMetadata.rows.length > 0) renderMetadata(wb, spec);
    for (const n of spec.definedNames) wb.definedNames.add(n.ref, n.name);
  }
  return wb;
}

/** The .xlsx bytes of several specs in one workbook. */
export async function renderTemplatesBuffer(specs: readonly TemplateSpec[]): Promise<Buffer> {
  const out = await (await renderTemplates(specs)).xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

/** The .xlsx bytes of a spec. */
export async function renderTemplateBuffer(spec: TemplateSpec): Promise<Buffer> {
  const wb = await renderTemplate(spec);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
