// Ends every test run with one plain line, "N passed, N failed, N skipped", and names each skipped
// test with its reason, so a run never hides what it did not do (CI reads that closing line).
import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { countRealClientCommands } from './real-clients.js';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    const skipped: string[] = [];
    for (const module of modules) {
      if (module.state() === 'failed' && [...module.children.allTests()].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') failed++;
        else if (result.state === 'skipped')
          skipped.push(`${module.moduleId.replace(process.cwd() + '/', '')} > ${test.fullName}${result.note ? ` — ${result.note}` : ''}`);
      }
    }
    const out = process.stdout;
    if (skipped.length) {
      out.write('\nSkipped, and why:\n');
      for (const line of skipped) out.write(`  - ${line}\n`);
    }
    const ledger = process.env.KINDLAB_REAL_CLIENT_LEDGER;
    if (ledger) {
      const real = countRealClientCommands(ledger);
      fs.rmSync(ledger, { recursive: true, force: true });
      out.write(
        `\nCommands judged by real clients: ${real.kubectl} by the machine's kubectl (against the fake API server), ${real.docker} by the Docker engine\n`,
      );
    }
    out.write(`\n${passed} passed, ${failed} failed, ${skipped.length} skipped\n`);
  }
}
