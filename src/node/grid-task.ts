/** The read-files task that returns a workbook's grid (the lean reader, every sheet). */
import type { WorkbookGrid } from '../core/workbook/grid';
import { readWorkbookGridSync } from '../xlsx/read';

export function run(_file: string, bytes: Uint8Array): WorkbookGrid {
  return readWorkbookGridSync(bytes);
}
