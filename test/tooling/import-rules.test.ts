// The import rules of `npm run lint:imports` (.dependency-cruiser.cjs) reject what they promise to:
// a file cycle, an upward import, an import into a folder that is no layer, cli/ past cluster/'s
// facade (from any cli file, by import or lazy import(), the port included; cluster/index.ts stays open),
// and an upward import beside an allowed downward one. Run on a small src/ tree in test/fixtures/import-rules, never on the real one.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = path.join(root, 'test/fixtures/import-rules');
const CONFIG = path.join(root, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function violations(): string[] {
  let out: string;
  try {
    out = execFileSync(path.join(root, 'node_modules/.bin/depcruise'), ['src', '--config', CONFIG, '--output-type', 'json'], {
      cwd: fixture,
      encoding: 'utf8',
      timeout: 60_000,
    });
  } catch (error) {
    // depcruise exits non-zero when it finds violations; its JSON report is still on stdout.
    out = String((error as { stdout?: string }).stdout ?? '');
  }
  const report = JSON.parse(out) as { summary: { violations: Violation[] } };
  return report.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('import rules', () => {
  it('a file cycle, an upward import, an unknown folder, cli past the cluster facade (any cli file, static or lazy) and an upward import beside an allowed one each fail lint:imports', () => {
    expect(violations()).toEqual([
      'cli-cluster-facade: src/cli/commands/bundle.ts → src/cluster/kind/bundle.ts',
      'cli-cluster-facade: src/cli/main.ts → src/cluster/open.ts',
      'cli-cluster-facade: src/cli/uses-internal.ts → src/cluster/cache.ts',
      'cli-cluster-facade: src/cli/uses-port.ts → src/cluster/port.ts',
      'layers-cluster: src/cluster/cache.ts → src/state/progress.ts',
      'layers-core: src/core/upward.ts → src/cli/command.ts',
      'layers-known-folder: src/cli/uses-extra.ts → src/extra/extra.ts',
      'no-circular: src/engine/a.ts → src/engine/b.ts',
    ]);
  });
});
