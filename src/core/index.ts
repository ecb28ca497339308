export * from './i18n/text';
export * from './plan/schema';
export * from './plan/parse';
export * from './plan/registry';
export * from './coerce';
export * from './evaluate';
export * from './balance';
export * from './plan/catalog';
export * from './template';
export * from './workbook';
export * from './fill';
export * from './validate';
// validate/ calls "the plans to validate against" PlanSource too; the schema's PlanSource (a plan's
// source document) keeps the name, the validation one is exported as ValidationPlans.
export { PlanSource } from './plan/schema';
export type { PlanSource as ValidationPlans } from './validate';
export { normalizeUnitName } from './unit-name';
export { decodeText, TextDecodeError, type DecodedText } from './text/decode';
export {
  consolidate,
  readReturn,
  summaryAsReturn,
  carriedInputs,
  longRows,
  expectedFromRows,
  ConsolidateError,
  type Consolidation,
  type ConsolidateOptions,
  type ReturnSource,
  type ReturnRead,
  type UnitRow,
  type Aggregate,
  type Completeness,
  type ExpectedUnit,
} from './consolidate';
export * from './plan/resolve';
export * from './plan/links';
