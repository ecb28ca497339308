/**
 * Prints one plain closing line after everything jest prints — `jest: N passed, N failed, N skipped` —
 * the form CI reads in any language, so a run is judged by its counts, not only by its exit code.
 * Jest's own summary is written after the reporters run, so the line waits for the process to exit
 * (stderr is synchronous on a pipe or file, so it is not lost).
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    // A suite that failed to run (an error at import) has no failed test, but it is a failure.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `jest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
