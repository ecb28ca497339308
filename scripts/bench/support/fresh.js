/**
 * Whether a build output is older than its sources: a local test run after editing src/ must not
 * test yesterday's bundle (a stale dist/ once hid a failing e2e until a clean clone ran it).
 */
'use strict';
const fs = require('fs');
const path = require('path');

/** The newest modification time (ms) under `p` (a file or a folder, walked). */
function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/**
 * True when every one of `outputs` is missing or older than any of `inputs` (files or folders; a
 * folder counts by its newest file). Webpack leaves an output it would write identically
 * untouched, so a build also writes a stamp, given as a second output.
 */
function isStale(outputs, inputs) {
  const built = Math.max(0, ...[].concat(outputs).map((o) => newestMtime(o)));
  if (built === 0) return true;
  return inputs.some((i) => newestMtime(i) > built);
}

module.exports = { isStale, newestMtime };
