// A ledger of the commands that real clients (the machine's kubectl, the Docker engine) ran in this
// test run. Tests record each command they hand to a real client; the summary reporter counts them,
// so a run says how much of the cluster path a real tool judged, not a fake.
import fs from 'node:fs';
import path from 'node:path';

export type RealClient = 'kubectl' | 'docker';

/** Set by test/real-clients-setup.ts before any test file runs; absent when a file runs outside vitest's setup. */
const ledgerDir = () => process.env.KINDLAB_REAL_CLIENT_LEDGER;

export function recordRealClient(client: RealClient, argv: readonly string[]): void {
  const dir = ledgerDir();
  if (!dir) return;
  fs.appendFileSync(path.join(dir, `${process.pid}.jsonl`), JSON.stringify({ client, argv }) + '\n');
}

export function countRealClientCommands(dir: string): Record<RealClient, number> {
  const counts: Record<RealClient, number> = { kubectl: 0, docker: 0 };
  if (!fs.existsSync(dir)) return counts;
  for (const file of fs.readdirSync(dir)) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (!line) continue;
      const { client } = JSON.parse(line) as { client: RealClient };
      counts[client]++;
    }
  }
  return counts;
}
