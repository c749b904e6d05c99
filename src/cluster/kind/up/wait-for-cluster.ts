// Step: wait until the cluster is usable — nodes Ready, the CNI rolled out on every node, CoreDNS
// (and calico-kube-controllers) rolled out — each wait with its own deadline, independent waits at once.
//
// What depends on what: the CNI's DaemonSet pods tolerate every NoSchedule taint (calico-node:
// `effect: NoSchedule, operator: Exists`, projectcalico/calico@v3.31.3 manifests/calico.yaml;
// kindnet: `operator: Exists`, kind@v0.30.0 pkg/build/nodeimage/const_cni.go) and are what turns a
// node Ready, so they and node Ready are watched together. CoreDNS and calico-kube-controllers are
// Deployments that do not tolerate node.kubernetes.io/not-ready (CoreDNS tolerates only CriticalAddonsOnly and the
// control-plane taint: kubernetes/kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go, read at commit 008b365;
// calico-kube-controllers: the pinned calico.yaml): their pods are scheduled only once
// nodes are Ready, so their waits start then and their deadlines count from there, as they did
// when every wait ran in turn.
import type { Text } from '../../../core/text.js';
import type { UpContext, UpStep } from './step.js';
import { concurrentWaits, type WaitSpec } from './wait-set.js';

/** Extra time a process gets beyond its own --timeout, so kubectl reports its deadline itself. */
export const MARGIN_MS = 15_000;

const kubectlWaitTimeout = (ms: number) => `--timeout=${Math.round(ms / 1000)}s`;

/** Pure: the waits of this bring-up, in the order they are shown. */
export function clusterWaits(ctx: UpContext): WaitSpec[] {
  const { argv, timeouts: t } = ctx;
  const wait = (name: string, title: Text, args: string[], ms: number, what: string, after: string[] = []): WaitSpec => ({
    name,
    title,
    argv: [...args, kubectlWaitTimeout(ms)],
    timeoutMs: ms + MARGIN_MS,
    what,
    after,
  });
  const rollout = (kind: string, name: string) => argv.kubeSystem('rollout', 'status', `${kind}/${name}`);
  const waits = [
    wait(
      'nodes-ready',
      { ja: 'すべてのノードが Ready になるまで待つ', en: 'Wait until every node is Ready' },
      argv.kubectl('wait', '--for=condition=Ready', 'node', '--all'),
      t.nodesReady,
      'waiting for nodes',
    ),
  ];
  if (ctx.facts.calico) {
    waits.push(
      wait(
        'calico-node',
        { ja: 'calico-node が全ノードで Ready になるまで待つ', en: 'Wait until calico-node is Ready on every node' },
        rollout('daemonset', 'calico-node'),
        t.rollout,
        'waiting for calico-node',
      ),
      wait(
        'calico-kube-controllers',
        { ja: 'calico-kube-controllers を待つ', en: 'Wait for calico-kube-controllers' },
        rollout('deployment', 'calico-kube-controllers'),
        t.rollout,
        'waiting for calico-kube-controllers',
        ['nodes-ready'],
      ),
    );
  } else {
    waits.push(
      wait(
        'kindnet',
        { ja: 'kindnet が全ノードで動くまで待つ', en: 'Wait until kindnet runs on every node' },
        rollout('daemonset', 'kindnet'),
        t.rollout,
        'waiting for kindnet',
      ),
    );
  }
  waits.push(
    wait(
      'coredns',
      { ja: 'CoreDNS が Ready になるまで待つ', en: 'Wait until CoreDNS is Ready' },
      rollout('deployment', 'coredns'),
      t.coredns,
      'waiting for CoreDNS',
      ['nodes-ready'],
    ),
  );
  return waits;
}

export const waitForCluster: UpStep = {
  name: 'wait-for-cluster',
  plan: (ctx) => concurrentWaits(clusterWaits(ctx)),
};
