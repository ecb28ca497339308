/**
 * Request sizes. Excel on the web refuses a request or a response above 5 MB, so a batch that
 * grows with the number of units must be split before it gets there; everything smaller goes in
 * one sync. The renderer and the fake estimate sizes the same way (JSON of the arguments plus an
 * envelope per command, about what Office.js puts around each action and object path).
 */

export const COMMAND_OVERHEAD_BYTES = 150;

/** Excel on the web's limit per request and per response. */
export const EXCEL_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** What the adapter allows itself per sync: the limit minus a margin for our estimate's error. */
export const DEFAULT_SYNC_BUDGET = 4 * 1024 * 1024;

/** Size of a value as JSON, 0 when it has none. */
export function jsonSize(value: unknown): number {
  try {
    return JSON.stringify(value)?.length ?? 0;
  } catch {
    return 0;
  }
}
