// A kind-named worker node for node-run tests on the real Docker engine: a container called
// <cluster>-worker, as kind names its nodes, running the local busybox image (kind itself is not
// run: it needs a node image and a registry). Call it inside a describeDocker body: it starts the
// container before that block's tests and removes it after them.
import { afterAll, beforeAll } from 'vitest';
import { KindCluster } from '../../src/cluster/kind/adapter.js';
import { BUSYBOX_IMAGE, type DockerEngine } from './engine.js';

export interface BusyboxNode {
  /** The container's name, <cluster>-worker. */
  readonly worker: string;
  /** The real adapter for the cluster, set once the container runs (in beforeAll). */
  readonly cluster: KindCluster;
}

export function busyboxWorkerNode(docker: DockerEngine, clusterName: string): BusyboxNode {
  const worker = `${clusterName}-worker`;
  let cluster: KindCluster | undefined;
  beforeAll(async () => {
    await docker.image(BUSYBOX_IMAGE);
    await docker.run(['rm', '-f', worker]);
    await docker.must(['run', '-d', '--name', worker, BUSYBOX_IMAGE]);
    cluster = new KindCluster({ clusterName, profile: 'kindnet', env: docker.env });
  }, 60_000);
  afterAll(async () => {
    await docker.run(['rm', '-f', worker]);
  });
  return {
    worker,
    get cluster() {
      if (!cluster) throw new Error(`the node container ${worker} is not started yet (busyboxWorkerNode's beforeAll has not run)`);
      return cluster;
    },
  };
}
