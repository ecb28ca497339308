/** The ExcelJS surface: render a template spec to .xlsx, read any .xlsx into grids, fill a template. */
export { renderTemplate, renderTemplateBuffer, renderTemplates, renderTemplatesBuffer } from './render';
export { readWorkbookGrid, readTemplateWorkbook, parseDefinedNames, type ReadTemplateResult } from './read';
export { parseSheetXml, parseSharedStrings } from './sheet-xml';
export { decodeXmlText, encodeXmlText, sheetParts } from './ooxml';
export { checkZip, DEFAULT_READ_LIMITS, WorkbookReadError, type ReadLimits, type WorkbookErrorCode } from './limits';
export { writeCells, patchSheetXml, type CellWrite } from './patch';
export { fillWorkbook, type FillResult } from './fill';
