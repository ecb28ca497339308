/** Consolidation: many returned workbooks into one summary (see consolidate.ts). */
export * from './types';
export { readReturn, skippedReturn, VERSION_ISSUES, cellRef } from './read';
export { consolidate, ConsolidateError, levelOrder } from './consolidate';
export { carriedInputs, additiveInputs, summaryAsReturn } from './chain';
export { longRows, longCsvLine, csvField, LONG_HEADER, type LongRow } from './long';
export { expectedFromRows, ExpectedListError } from './expected';
export { checkReturn } from './checks';
export { buildSummarySpecs, SUMMARY_SHEETS, FILE_STATUS_LABEL, ISSUES_LISTED, REGIONS_NOTE, type SummaryOptions } from './summary-spec';
export { summaryCharts, type SummaryChartData } from './charts';
