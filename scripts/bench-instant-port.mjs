// For `npm run bench`: a Cluster port that answers at once, so what is measured is kindlab's own
// work (module loading, lesson loading, templating, parsing, evaluation), never a cluster. It is a
// fake, named so: its answers are typed here in the formats the real tools print.
// Run directly (`node scripts/bench-instant-port.mjs check 01 pods-and-ips`) it is the kindlab CLI
// with this port in place of the kind adapter, for the cold-start figure of `check`.
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const POD_IP = '10.244.1.5';
const NODE = 'kindlab-worker';

/** `ip -4 addr show dev eth0` in a netshoot Pod, in iproute2's format. */
export const IP_ADDR_ETH0 = `2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000 link-netnsid 0
    inet ${POD_IP}/24 brd 10.244.1.255 scope global eth0
       valid_lft forever preferred_lft forever
`;

const pod = (name, ip) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'lab-01', labels: { app: name } },
  spec: { nodeName: NODE, containers: [{ name, image: 'nicolaka/netshoot:v0.14' }] },
  status: { phase: 'Running', podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
});

const accepted = ['Accepted', 'Programmed', 'Ready', 'ResolvedRefs'].map((type) => ({ type, status: 'True' }));
const generic = (ref) => ({
  apiVersion: 'v1',
  kind: ref.kind,
  metadata: { name: ref.name, namespace: ref.namespace },
  spec: { controllerName: 'sigs.k8s.io/cloud-provider-kind' },
  status: { addresses: [{ type: 'IPAddress', value: '172.18.0.100' }], conditions: accepted, parents: [{ conditions: accepted }] },
});

/** A Cluster whose every call returns at once; `answer(argv)` decides what an exec prints. */
export function instantCluster({ profile = 'kindnet', answer = () => ({ stdout: IP_ADDR_ETH0 }) } = {}) {
  const objects = [pod('netshoot', POD_IP), pod('server', '10.244.2.7')];
  return {
    context: 'kind-kindlab',
    profile,
    execs: 0,
    async apply() {},
    async delete() {},
    async scale() {},
    async wait() {},
    async read(ref) {
      const found = objects.filter((o) => o.kind.toLowerCase() === ref.kind && (!ref.name || o.metadata.name === ref.name));
      // Anything else (a Gateway, an HTTPRoute, a GatewayClass) exists, is accepted and has an address.
      return found.length || !ref.name ? found : [generic(ref)];
    },
    async exec(_target, argv) {
      this.execs++;
      return { stdout: '', stderr: '', exitCode: 0, timedOut: false, durationMs: 0, ...answer(argv) };
    },
    async ensureAddon() {},
    async deleteLessonObjects() {},
    nodeName: (n) => (n.startsWith('kindlab-') ? n : `kindlab-${n}`),
  };
}

const invoked = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (invoked) {
  const { main } = await import('../dist/src/cli/main.js');
  const { unattendedPrompts } = await import('../dist/src/ui/prompts.js');
  const code = await main(process.argv.slice(2), {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdinIsTTY: false,
    signal: new AbortController().signal,
    prompts: unattendedPrompts(),
    openCluster: async () => instantCluster(),
  });
  process.exitCode = code;
}
