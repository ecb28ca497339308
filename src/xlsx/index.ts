/** The ExcelJS surface: render a template spec to .xlsx, read any .xlsx into grids, fill a template. */
export { renderTemplate, renderTemplateBuffer, renderTemplates, renderTemplatesBuffer } from './render';
export { readWorkbookGrid, readWorkbookGridSync, openWorkbook, readTemplateWorkbook, parseDefinedNames, type ReadTemplateResult, type OpenWorkbook, type SheetInfo, type ReadOptions } from './read';
export { parseSheetXml, parseSharedStrings } from './sheet-reader';
export { encodeXmlText, sheetParts } from './ooxml';
export { decodeXmlText } from './xml-scan';
export { DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits, type WorkbookErrorCode } from './limits';
export { checkZip } from './zip';
export { writeCells, patchSheetXml, type CellWrite } from './patch';
export { fillWorkbook, type FillResult } from './fill';
