// Upstream files kept beside the repository as test data (never committed here): the exact
// projectcalico/calico v3.31.3 manifests/calico.yaml sits in ../shared/upstream/calico-v3.31.3/
// relative to the repository root, with its provenance in SOURCE.md. Tests that need it run where
// it is (CI), skip with a notice where it is not, and FAIL instead with KINDLAB_REQUIRE_REAL_TOOLS=1.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { describe, test } from 'vitest';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REQUIRED = process.env.KINDLAB_REQUIRE_REAL_TOOLS === '1';

/** projectcalico/calico@v3.31.3:manifests/calico.yaml, as published (sha256 4b2e4053…, 329,943 bytes). */
export const UPSTREAM_CALICO = resolve(REPO_ROOT, '../shared/upstream/calico-v3.31.3/calico.yaml');

/** describe() when the upstream file is there; otherwise one skipped (or, when required, failing) test naming the path. */
export function describeWithUpstream(name: string, file: string, body: () => void): void {
  if (existsSync(file)) {
    describe(name, body);
    return;
  }
  const reason = `needs the upstream file ${file} (see ../shared/upstream/*/SOURCE.md)`;
  describe(name, () => {
    if (REQUIRED) {
      test(`upstream file is present (${reason})`, () => {
        throw new Error(`KINDLAB_REQUIRE_REAL_TOOLS=1 but ${file} is missing`);
      });
    } else {
      console.warn(`[upstream] skipped "${name}": ${reason}`);
      test.skip(`skipped: ${reason}`, () => {});
    }
  });
}
