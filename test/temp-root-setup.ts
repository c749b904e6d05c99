// vitest globalSetup: every temporary folder a test makes (os.tmpdir() reads TMPDIR) goes under one
// folder per run, removed when the run ends, so a run leaves nothing in the machine's temp dir
// even where a test or fake forgets its own cleanup. Workers inherit TMPDIR through the environment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kindlab-test-run-'));
  // Like /tmp itself: tests that run a step as an unprivileged user must reach their folders.
  fs.chmodSync(root, 0o1777);
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    fs.rmSync(root, { recursive: true, force: true });
  };
}
