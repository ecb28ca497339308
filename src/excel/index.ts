/**
 * The Office.js adapter: the only code in the project that talks to Excel. The task pane calls
 * these with an `ExcelHost` — `officeHost()` inside Excel, `createFakeExcel().host` in the
 * browser preview and in tests.
 */
export type { ExcelHost, ExcelContext } from './port';
export { officeHost, hasOfficeHost } from './host';
export { ExcelTaskError, type ExcelTaskErrorCode } from './errors';
export { Capabilities, FEATURE_API, requirementMessage, excelVersionFor, type Degradation, type Feature } from './requirements';
export { capabilitiesOf, type ExcelTarget, type TargetOptions } from './session';
export { findPlanTemplates, type ExistingTemplate, type FindTemplatesOptions } from './existing';
export { insertTemplate, findConflicts, type InsertOptions, type InsertResult, type InsertConflict, type InsertProgress, type ExistingWorkbook } from './render';
export { updateTemplate, type ReplaceTemplate, type UpdateReport } from './update';
export { readTemplateGrids, readTemplates, type ReadOptions, type ReadTemplatesResult } from './read';
export { markCells, clearMarks, MARK_COLORS, MISSING_MARK_COLOR, MARKS_SHEET, type MarkableIssue, type MarkOptions, type MarkResult } from './marks';
export { writeReviewSheet, REVIEW_NAME, type ReviewOptions, type ReviewResult } from './review';
export { insertChartSheet, CHART_SHEET, type ChartSheetData, type ChartSheetOptions, type ChartSheetResult } from './charts';
export { selectCell, applyFix, readSelection, type FixResult, type Selection } from './navigate';
export { literalEntry, columnWidthPoints } from './cells';
