import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { manifestImages, parseManifest, patchCalicoObjects, renderManifest } from './calico-manifest.js';
import { profileFacts } from './index.js';

// Hand-typed fixture shaped like projectcalico/calico manifests/calico.yaml (see its header).
const text = readFileSync(new URL('../../../../test/contract/fakes-lifecycle/calico-shaped.yaml', import.meta.url), 'utf8');

describe('Calico manifest patching', () => {
  it('adds CALICO_IPV4POOL_CIDR (commented out upstream) and sets the encapsulation env', () => {
    const out = patchCalicoObjects(parseManifest(text), profileFacts('calico-bgp').calico!);
    const ds = out.find((o) => o.kind === 'DaemonSet') as any;
    const env = ds.spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
    expect(env.find((e) => e.name === 'CALICO_IPV4POOL_CIDR')?.value).toBe('10.244.0.0/16');
    expect(env.find((e) => e.name === 'CALICO_IPV4POOL_IPIP')?.value).toBe('Never');
    expect(env.find((e) => e.name === 'CALICO_IPV4POOL_VXLAN')?.value).toBe('Never');
    // untouched entries keep their valueFrom
    expect(env.find((e) => e.name === 'CALICO_NETWORKING_BACKEND')).toHaveProperty('valueFrom');
  });

  it('does not modify the objects it was given', () => {
    const objects = parseManifest(text);
    const before = JSON.stringify(objects);
    patchCalicoObjects(objects, profileFacts('calico-vxlan').calico!);
    expect(JSON.stringify(objects)).toBe(before);
  });

  it('rendered YAML parses back to the same objects', () => {
    const out = patchCalicoObjects(parseManifest(text), profileFacts('calico-ipip').calico!);
    expect(parseManifest(renderManifest(out))).toEqual(out);
  });

  it('lists the images of containers and init containers once each', () => {
    expect(manifestImages(parseManifest(text))).toEqual([
      'quay.io/calico/cni:v0.0.0-test',
      'quay.io/calico/node:v0.0.0-test',
      'quay.io/calico/kube-controllers:v0.0.0-test',
    ]);
  });

  it('a manifest without calico-node is rejected instead of silently unpatched', () => {
    expect(() => patchCalicoObjects(parseManifest('kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\n'), profileFacts('calico-ipip').calico!)).toThrow(
      /calico-node/,
    );
  });
});
