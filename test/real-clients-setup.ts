// vitest globalSetup: one fresh ledger folder per run, inherited by every test worker through the environment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The summary reporter counts the ledger and then removes the folder (it runs after teardown).
export default function setup(): void {
  process.env.KINDLAB_REAL_CLIENT_LEDGER = fs.mkdtempSync(path.join(os.tmpdir(), 'kindlab-real-clients-'));
}
