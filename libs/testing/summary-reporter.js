// Ends a Jest run with one plain line, `Tests: N passed, N failed, N skipped`, that CI reads as the verdict. Jest prints
// its own summary after every custom reporter, so the line is written when the process exits.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const line = `Tests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped`;
    process.once('exit', () => process.stderr.write(`\n${line}\n`));
  }
}

module.exports = SummaryReporter;
