/**
 * The first sync of most operations: which sheets the workbook has (and their visibility) and its
 * defined names with their references. Read from collections rather than probed one by one, so no
 * later call has to be made on a possibly-null object.
 */
import type { DefinedNameGrid, SheetGrid } from '../core/workbook/grid';
import type { ExcelContext, SheetVisibility } from './port';

export interface SheetInfo {
  name: string;
  state: NonNullable<SheetGrid['state']>;
}

export interface WorkbookListing {
  sheets: SheetInfo[];
  /** Workbook-scoped names; `ref` without its leading `=` (e.g. `学校数据!$C$7:$C$9`). */
  names: DefinedNameGrid[];
}

const STATE: Record<SheetVisibility, SheetInfo['state']> = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' };

/**
 * Lists sheets and names in one sync. `nameFormula` (ExcelApi 1.7) reads `NamedItem.formula`;
 * older hosts report a range name's reference as its `value`; `false` skips the names.
 */
export async function listWorkbook(ctx: ExcelContext, names: { formula: boolean } | false): Promise<WorkbookListing> {
  const sheets = ctx.workbook.worksheets.load('items/name, items/visibility');
  const items = names ? ctx.workbook.names.load(names.formula ? 'items/name, items/formula' : 'items/name, items/value') : undefined;
  await ctx.sync();
  return {
    sheets: sheets.items.map((s) => ({ name: s.name, state: STATE[s.visibility] ?? 'visible' })),
    names: (items?.items ?? []).map((n) => ({ name: n.name, ref: String(names && names.formula ? n.formula : n.value).replace(/^=/, '') })),
  };
}

/** The sheet's name as the workbook spells it (Excel compares sheet names case-insensitively). */
export function findSheetName(listing: WorkbookListing, name: string): string | undefined {
  const lower = name.toLowerCase();
  return listing.sheets.find((s) => s.name.toLowerCase() === lower)?.name;
}
