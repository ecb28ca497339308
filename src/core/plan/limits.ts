/**
 * Limits for plans coming from users (imported files, plans carried inside workbooks). Kept apart
 * from the parser so the pane can check a file's size without loading the schema library.
 */
export const PLAN_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxIndicators: 5000,
  maxInputs: 10000,
  maxDepth: 32,
} as const;
