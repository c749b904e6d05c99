// `kindlab validate` holds lesson manifests to what kindlab needs to apply them as they are:
// one namespace rule per file (kubectl takes one -n) and kindlab's labels on every object.
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli, tempHome } from './run-cli.js';

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ home, cleanup } = await tempHome()));
afterEach(() => cleanup());

async function fixtureCopy(edit: (manifest: string) => string): Promise<{ labs: string; manifest: string }> {
  const labs = path.join(home, 'labs');
  await cp('test/fixtures/labs', labs, { recursive: true });
  const manifest = path.join(labs, '03-service-clusterip', 'manifests', 'web.yaml');
  await writeFile(manifest, edit(await readFile(manifest, 'utf8')));
  return { labs, manifest };
}

it('a manifest file mixing objects with and without a namespace is refused with file:line:column, exit 2', async () => {
  // The Service names lab-03; the Deployment above it does not.
  const { labs, manifest } = await fixtureCopy((m) =>
    m.replace(/kind: Service\nmetadata: \{ name: web,/, 'kind: Service\nmetadata: { name: web, namespace: lab-03,'),
  );
  const run = await runCli(['validate', labs], { home });
  expect(run.code).toBe(2);
  expect(run.stdout).toContain(
    `${path.relative(process.cwd(), manifest)}:3:11: Deployment/web metadata.namespace: expected a namespace on every object of this file, as Service/web name theirs`,
  );
});

it('a manifest object without kindlab’s labels is refused with the command that adds them, exit 2', async () => {
  const { labs, manifest } = await fixtureCopy((m) =>
    m.replace(
      'metadata: { name: web, labels: { app.kubernetes.io/managed-by: kindlab, kindlab.dev/lesson: 03-service-clusterip } }\nspec:\n  selector',
      'metadata: { name: web }\nspec:\n  selector',
    ),
  );
  const run = await runCli(['validate', labs], { home });
  expect(run.code).toBe(2);
  expect(run.stdout).toContain(
    `${path.relative(process.cwd(), manifest)}:17:11: Service/web metadata.labels: expected the labels app.kubernetes.io/managed-by: kindlab and kindlab.dev/lesson: 03-service-clusterip`,
  );
  expect(run.stdout).toContain('node scripts/label-manifests.mjs');
});

it('every lesson of labs/ passes validate', async () => {
  const run = await runCli(['validate', path.resolve('labs')], { home });
  expect(run.stdout).not.toMatch(/manifests\/.*(metadata\.namespace|metadata\.labels)/);
  expect(run.code, run.stdout).toBe(0);
});
