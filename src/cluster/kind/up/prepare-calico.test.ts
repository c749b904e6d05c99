import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { calicoPin as pin, recordingIO, upContext } from '../../../../test/fakes/up-steps.js';
import { SetupProblem } from '../problem.js';
import type { EnsureOptions } from '../profiles/calico-manifest.js';
import { prepareCalico } from './prepare-calico.js';

// A hand-typed manifest in Calico's shape (test/contract/fakes-lifecycle/calico-shaped.yaml), not Calico's own file.
const FIXTURE = new URL('../../../../test/contract/fakes-lifecycle/calico-shaped.yaml', import.meta.url).pathname;

describe('up step prepare-calico', () => {
  it('kindnet has no Calico manifest to prepare', () => {
    expect(prepareCalico.plan(upContext())).toEqual([]);
  });

  it('calico-vxlan: verifies the pinned manifest, sets VXLAN on the parsed objects and writes them for install-calico', async () => {
    const ctx = upContext({ profile: 'calico-vxlan' });
    const { io, writes, runs } = recordingIO(undefined, { '/verified/calico.yaml': readFileSync(FIXTURE, 'utf8') });
    const asked: EnsureOptions[] = [];
    io.ensureCalicoManifest = async (opts) => {
      asked.push(opts);
      return { path: '/verified/calico.yaml', pin };
    };
    const [task, ...more] = prepareCalico.plan(ctx);
    expect(more).toEqual([]);
    const said = await task!.execute(io, new AbortController().signal);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ addonsDir: ctx.opts.addonsDir, cacheDir: ctx.opts.cacheDir, allowDownload: true, timeoutMs: ctx.timeouts.load });
    expect(said).toBe('Calico v0.0.0-test: CALICO_IPV4POOL_CIDR=10.244.0.0/16 CALICO_IPV4POOL_IPIP=Never CALICO_IPV4POOL_VXLAN=Always');
    expect(runs).toEqual([]);
    expect(writes.map((w) => w.path)).toEqual([ctx.files.calico]);
    const objects = parseAllDocuments(writes[0]!.text).map((d) => d.toJS()) as Array<Record<string, any>>;
    expect(objects.find((o) => o.kind === 'ConfigMap')!.data.calico_backend).toBe('vxlan');
  });

  it('no download unless allowed, and a manifest that cannot be verified stops the step before anything is written', async () => {
    const ctx = upContext({ profile: 'calico-ipip', opts: { allowDownload: false } });
    const { io, writes } = recordingIO();
    const refused = new SetupProblem('calico-not-pinned', { ja: 'x', en: 'x' }, { ja: 'x', en: 'x' }, { ja: 'x', en: 'x' }, { ja: 'x', en: 'x' });
    io.ensureCalicoManifest = async (opts) => {
      expect(opts.allowDownload).toBe(false);
      throw refused;
    };
    await expect(prepareCalico.plan(ctx)[0]!.execute(io, new AbortController().signal)).rejects.toBe(refused);
    expect(writes).toEqual([]);
  });
});
