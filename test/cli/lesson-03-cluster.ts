// The fake cluster the CLI tests run the fixture lesson 03 (test/fixtures/labs/03-service-clusterip)
// on: applied Services get a ClusterIP (and, when asked, NodePort Services a node port) as the API
// server would give them, and nslookup in the netshoot Pod finds the Service. Plus the learner's
// saved progress, read as the file kindlab wrote.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProfileName } from '../../src/lessons/profile-names.js';
import { FakeCluster } from '../fakes/fake-cluster.js';

export const CLUSTER_IP = '10.96.41.7';

export function lesson03Cluster(profile: ProfileName, opts: { nodePort?: number } = {}): FakeCluster {
  const cluster = new FakeCluster(profile);
  cluster.onApply = () => {
    for (const o of cluster.objects) if (o.kind === 'Service') (o as any).spec.clusterIP ??= CLUSTER_IP;
    // As the API server does: NodePort and LoadBalancer Services both get a node port.
    if (opts.nodePort === undefined) return;
    for (const o of cluster.objects)
      if (o.kind === 'Service' && ['NodePort', 'LoadBalancer'].includes((o as any).spec.type))
        for (const p of (o as any).spec.ports) p.nodePort ??= opts.nodePort;
  };
  cluster.answer(['nslookup'], {
    stdout: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.lab-03.svc.cluster.local\nAddress: ${CLUSTER_IP}\n`,
    exitCode: 0,
  });
  return cluster;
}

/** The learner's progress.json under a KINDLAB_HOME, parsed. */
export const readProgress = (home: string) => readFile(path.join(home, 'state', 'progress.json'), 'utf8').then(JSON.parse);
