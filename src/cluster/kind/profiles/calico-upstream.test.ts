// Each Calico profile's patch applied to the REAL upstream manifest (projectcalico/calico@v3.31.3:
// manifests/calico.yaml, found in ../shared/upstream by test/upstream.ts), compared field by field
// with what upstream documents for that mode. Every field of every object is compared: the patch
// must change exactly the fields listed below and nothing else.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { describeWithUpstream, REPO_ROOT, UPSTREAM_CALICO } from '../../../../test/upstream.js';
import { calicoPin, manifestImages, parseManifest, patchCalicoObjects, renderManifest } from './calico-manifest.js';
import { profileFacts } from './index.js';
import { join } from 'node:path';

type Obj = Record<string, unknown>;
interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

const NODE = 'DaemonSet kube-system/calico-node containers[calico-node]';
const CONFIG = 'ConfigMap kube-system/calico-config';

/**
 * What upstream's own VXLAN variant changes relative to calico.yaml, as
 * `git show v3.31.3:manifests/calico-vxlan.yaml` vs `…:manifests/calico.yaml` of projectcalico/calico
 * (commit 2e3c880b) shows, and as charts/calico/templates/calico-config.yaml and calico-node.yaml
 * at v3.31.3 generate it (`.Values.vxlan`): these six changes and nothing else.
 */
const UPSTREAM_VXLAN_CHANGES: Change[] = [
  { path: `${CONFIG} data.calico_backend`, before: 'bird', after: 'vxlan' },
  { path: `${NODE} env[CALICO_IPV4POOL_IPIP].value`, before: 'Always', after: 'Never' },
  { path: `${NODE} env[CALICO_IPV4POOL_VXLAN].value`, before: 'Never', after: 'CrossSubnet' },
  { path: `${NODE} env[CALICO_IPV6POOL_VXLAN].value`, before: 'Never', after: 'CrossSubnet' },
  { path: `${NODE} livenessProbe.exec.command`, before: ['/bin/calico-node', '-felix-live', '-bird-live'], after: ['/bin/calico-node', '-felix-live'] },
  { path: `${NODE} readinessProbe.exec.command`, before: ['/bin/calico-node', '-felix-ready', '-bird-ready'], after: ['/bin/calico-node', '-felix-ready'] },
];

/**
 * kindlab's choices, in every Calico profile: the IPv4 pool is 10.244.0.0/16 (kind's podSubnet, which
 * kindlab also sets in the kind config) instead of Calico's default 192.168.0.0/16, which upstream
 * leaves commented out ("This should fall within `--cluster-cidr`"; node/pkg/lifecycle/startup/startup.go
 * falls back to DEFAULT_IPV4_POOL_CIDR when it is unset).
 */
const POOL_CIDR: Change = { path: `${NODE} env[CALICO_IPV4POOL_CIDR].value`, before: undefined, after: '10.244.0.0/16' };

/**
 * calico-vxlan = upstream's VXLAN variant with two differences, chosen:
 * - CALICO_IPV4POOL_VXLAN "Always", not "CrossSubnet": every kind node sits on one Docker subnet, where
 *   CrossSubnet encapsulates nothing and lesson 09 would have no overlay to observe.
 * - CALICO_IPV6POOL_VXLAN stays "Never": the cluster is IPv4 only; both manifests set FELIX_IPV6SUPPORT
 *   "false", so startup.go (ipv6Supported) never creates an IPv6 pool and the value is never read.
 */
const VXLAN_EXPECTED: Change[] = [
  ...UPSTREAM_VXLAN_CHANGES.filter((c) => !c.path.includes('CALICO_IPV6POOL_VXLAN')).map((c) =>
    c.path.includes('CALICO_IPV4POOL_VXLAN') ? { ...c, after: 'Always' } : c,
  ),
  POOL_CIDR,
];

/**
 * calico-ipip = calico.yaml as published: the chart's default (not bpf, not vxlan) is
 * CALICO_IPV4POOL_IPIP "Always", CALICO_IPV4POOL_VXLAN "Never", calico_backend "bird" and the BIRD
 * probes (charts/calico/templates/calico-node.yaml, calico-config.yaml @ v3.31.3). Only the pool CIDR.
 */
const IPIP_EXPECTED: Change[] = [POOL_CIDR];

/**
 * calico-bgp = calico.yaml with IPIP turned off: "Never" is one of the modes startup.go's createIPPool
 * accepts ("", off, never / crosssubnet / always) for CALICO_IPV4POOL_IPIP; calico_backend stays "bird",
 * so node/filesystem/etc/rc.local starts BIRD and confd, and the BIRD probes stay.
 */
const BGP_EXPECTED: Change[] = [{ path: `${NODE} env[CALICO_IPV4POOL_IPIP].value`, before: 'Always', after: 'Never' }, POOL_CIDR];

/** Every leaf that differs; objects by kind/namespace/name, list items with a `name` by that name. */
function diff(before: Obj[], after: Obj[]): Change[] {
  const changes: Change[] = [];
  const key = (o: Obj) => {
    const m = (o.metadata ?? {}) as Obj;
    return `${String(o.kind)} ${m.namespace ? `${String(m.namespace)}/` : ''}${String(m.name)}`;
  };
  const byKey = (objs: Obj[]) => new Map(objs.map((o) => [key(o), o]));
  const named = (v: unknown): v is Obj[] =>
    Array.isArray(v) && v.length > 0 && v.every((x) => x && typeof x === 'object' && typeof (x as Obj).name === 'string');
  const join = (path: string, k: string) => (path.endsWith(' ') ? `${path}${k}` : `${path}.${k}`);
  const walk = (path: string, a: unknown, b: unknown) => {
    if (named(a) || named(b)) {
      const ma = new Map(((a as Obj[]) ?? []).map((x) => [String(x.name), x]));
      const mb = new Map(((b as Obj[]) ?? []).map((x) => [String(x.name), x]));
      // The name is the item's key, so it is not a field of its own.
      const unnamed = (x: Obj | undefined) => (x ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'name')) : undefined);
      for (const n of new Set([...ma.keys(), ...mb.keys()])) walk(`${path}[${n}]`, unnamed(ma.get(n)), unnamed(mb.get(n)));
      return;
    }
    const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
    if (isObj(a) && isObj(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(join(path, k), a[k], b[k]);
      return;
    }
    if (isObj(b) && a === undefined) {
      for (const k of Object.keys(b)) walk(join(path, k), undefined, b[k]);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ path, before: a, after: b });
  };
  const a = byKey(before);
  const b = byKey(after);
  for (const k of new Set([...a.keys(), ...b.keys()])) walk(`${k} `, a.get(k), b.get(k));
  // "DaemonSet kube-system/calico-node spec.template.spec.containers[calico-node].env[X].value" reads
  // better shortened to the container.
  return changes.map((c) => ({ ...c, path: c.path.replace(' spec.template.spec.containers[calico-node].', ' containers[calico-node] ') }));
}

const sortChanges = (cs: Change[]) => [...cs].sort((x, y) => x.path.localeCompare(y.path));

describeWithUpstream('Calico profiles patched on the real upstream calico.yaml v3.31.3', UPSTREAM_CALICO, () => {
  const text = readFileSync(UPSTREAM_CALICO, 'utf8');
  const upstream = parseManifest(text);

  it('the upstream file is what the patches expect: IPIP Always, VXLAN Never, BIRD, pool CIDR commented out', () => {
    // The "before" values above are read from the real file; if a new pin changes them this fails first.
    const node = diff([], upstream).map((c) => c.path);
    expect(node).toContain(`${NODE} env[CALICO_IPV4POOL_IPIP].value`);
    expect(node).not.toContain(`${NODE} env[CALICO_IPV4POOL_CIDR].value`);
    expect(text).toContain('# - name: CALICO_IPV4POOL_CIDR\n            #   value: "192.168.0.0/16"');
  });

  it.each([
    ['calico-vxlan', VXLAN_EXPECTED],
    ['calico-ipip', IPIP_EXPECTED],
    ['calico-bgp', BGP_EXPECTED],
  ] as const)('%s changes exactly the documented fields and nothing else', (name, expected) => {
    const patched = patchCalicoObjects(upstream, profileFacts(name).calico!);
    expect(sortChanges(diff(upstream, patched))).toEqual(sortChanges(expected));
    // What kubectl receives parses back to the same objects (nothing lost in rendering).
    expect(parseManifest(renderManifest(patched))).toEqual(patched);
  });

  it('upstream calico-vxlan.yaml facts hold on the upstream calico.yaml they were taken against', () => {
    // Applying upstream's own VXLAN changes to calico.yaml must be possible field by field: each
    // "before" is the value calico.yaml has. (Guards the committed expectations against a typo.)
    const leaves = new Map(diff([], upstream).map((c) => [c.path, c.after]));
    for (const c of UPSTREAM_VXLAN_CHANGES) expect([c.path, leaves.get(c.path)]).toEqual([c.path, c.before]);
  });

  it('names exactly the images pinned in addons/checksums.json', async () => {
    const pin = await calicoPin(join(REPO_ROOT, 'addons'));
    expect(manifestImages(upstream)).toEqual(pin.images);
  });

  it('the recorded excerpt used where the upstream file is absent matches the upstream objects', () => {
    const excerpt = parseManifest(readFileSync(new URL('./testdata/calico-v3.31.3-excerpt.yaml', import.meta.url), 'utf8'));
    const wanted = new Set(excerpt.map((o) => `${String(o.kind)}/${String((o.metadata as Obj).name)}`));
    const same = upstream.filter((o) => wanted.has(`${String(o.kind)}/${String((o.metadata as Obj).name)}`));
    expect(diff(same, excerpt)).toEqual([]);
  });
});
