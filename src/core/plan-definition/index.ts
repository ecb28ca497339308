/** Plans written in a spreadsheet: the definition workbook's layout, plan → rows and rows → plan. */
export { planToDefinition } from './write';
export { definitionToPlan, isPlanDefinition, isDefinitionSheetName, formatDefinitionIssue, DEFINITION_LIMITS, type DefinitionIssue, type DefinitionResult } from './read';
export { SHEET_NAMES, SHEET_NAMES_EN, LISTS_SHEET, README_SHEET, FIRST_DATA_ROW } from './columns';
export type { DefinitionBook, DefinitionSheet, DefinitionCell, DefinitionValidation } from './book';
export { MAX_CELL_CHARS } from './cells';
