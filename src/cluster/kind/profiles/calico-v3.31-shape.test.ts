// patchCalicoObjects against the real object shapes of a v3.31.3 calico.yaml (a recorded excerpt,
// see the header of testdata/calico-v3.31.3-excerpt.yaml). Runs everywhere; the whole upstream file
// is checked field by field in calico-upstream.test.ts where it is present.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CALICO_IMAGES } from '../images.js';
import { manifestImages, parseManifest, patchCalicoObjects } from './calico-manifest.js';
import { profileFacts } from './index.js';

const text = readFileSync(new URL('./testdata/calico-v3.31.3-excerpt.yaml', import.meta.url), 'utf8');
type Env = Array<{ name: string; value?: string; valueFrom?: unknown }>;

function calicoNode(objects: Array<Record<string, any>>) {
  const ds = objects.find((o) => o.kind === 'DaemonSet' && o.metadata?.name === 'calico-node');
  if (!ds) throw new Error('the manifest has no calico-node DaemonSet');
  return ds.spec.template.spec.containers.find((c: any) => c.name === 'calico-node');
}
const envOf = (node: any) => Object.fromEntries((node.env as Env).filter((e) => 'value' in e).map((e) => [e.name, e.value]));
const backendOf = (objects: Array<Record<string, any>>) =>
  objects.find((o) => o.kind === 'ConfigMap' && o.metadata?.name === 'calico-config')!.data.calico_backend;

describe('Calico v3.31 manifest shape', () => {
  it('as published, calico-node runs IPIP Always, VXLAN Never, BIRD, and leaves the pool CIDR commented out', () => {
    // The facts the profile patches rely on; if a future manifest changes them, this fails first.
    const objects = parseManifest(text);
    const node = calicoNode(objects);
    expect(envOf(node)).toMatchObject({ CALICO_IPV4POOL_IPIP: 'Always', CALICO_IPV4POOL_VXLAN: 'Never' });
    expect((node.env as Env).some((e) => e.name === 'CALICO_IPV4POOL_CIDR')).toBe(false);
    expect(text).toContain('# - name: CALICO_IPV4POOL_CIDR');
    expect(backendOf(objects)).toBe('bird');
    expect(node.livenessProbe.exec.command).toContain('-bird-live');
    expect(node.readinessProbe.exec.command).toContain('-bird-ready');
  });

  it.each([
    ['calico-vxlan', { CALICO_IPV4POOL_IPIP: 'Never', CALICO_IPV4POOL_VXLAN: 'Always' }, 'vxlan'],
    ['calico-ipip', { CALICO_IPV4POOL_IPIP: 'Always', CALICO_IPV4POOL_VXLAN: 'Never' }, 'bird'],
    ['calico-bgp', { CALICO_IPV4POOL_IPIP: 'Never', CALICO_IPV4POOL_VXLAN: 'Never' }, 'bird'],
  ] as const)('%s: pool CIDR 10.244.0.0/16, encapsulation env and calico_backend as the profile says', (name, encap, backend) => {
    const out = patchCalicoObjects(parseManifest(text), profileFacts(name).calico!);
    const node = calicoNode(out);
    expect(envOf(node)).toMatchObject({ CALICO_IPV4POOL_CIDR: '10.244.0.0/16', ...encap });
    // Each variable appears once (set in place, not appended twice).
    for (const v of ['CALICO_IPV4POOL_CIDR', 'CALICO_IPV4POOL_IPIP', 'CALICO_IPV4POOL_VXLAN']) {
      expect((node.env as Env).filter((e) => e.name === v)).toHaveLength(1);
    }
    expect(backendOf(out)).toBe(backend);
    // Entries the profile does not touch keep their valueFrom (e.g. the backend comes from the ConfigMap).
    expect((node.env as Env).find((e) => e.name === 'CALICO_NETWORKING_BACKEND')).toHaveProperty('valueFrom');
  });

  it('calico-vxlan drops only the BIRD health checks, as upstream calico-vxlan.yaml does', () => {
    // projectcalico/calico@v3.31.3:manifests/calico-vxlan.yaml: calico_backend "vxlan", probes
    // "-felix-live" / "-felix-ready" only.
    const node = calicoNode(patchCalicoObjects(parseManifest(text), profileFacts('calico-vxlan').calico!));
    expect(node.livenessProbe.exec.command).toEqual(['/bin/calico-node', '-felix-live']);
    expect(node.readinessProbe.exec.command).toEqual(['/bin/calico-node', '-felix-ready']);
  });

  it('calico-ipip and calico-bgp keep BIRD health checks (BIRD runs)', () => {
    for (const name of ['calico-ipip', 'calico-bgp'] as const) {
      const node = calicoNode(patchCalicoObjects(parseManifest(text), profileFacts(name).calico!));
      expect(node.livenessProbe.exec.command).toContain('-bird-live');
      expect(node.readinessProbe.exec.command).toContain('-bird-ready');
    }
  });

  it('names exactly the images kindlab pulls and loads for Calico profiles', () => {
    expect(manifestImages(parseManifest(text)).sort()).toEqual(CALICO_IMAGES.map((i) => i.ref).sort());
  });
});
