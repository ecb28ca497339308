/**
 * Library entry: `require('edu-indicators')` / `import … from 'edu-indicators'`.
 *
 * Everything here is the pure core (plan schema and loading, evaluation, the 优质均衡 rules,
 * coercion, templates as data, validation) plus Node helpers to read the shipped plans from disk.
 * The same functions back the CLI, the custom functions and the task pane.
 */
export * from './core';
export { loadShippedPlans, readPlanFile, shippedPlanFiles, PLANS_DIR, SOURCES_DIR } from './node/seeds';
