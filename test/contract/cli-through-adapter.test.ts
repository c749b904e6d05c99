// The product's main path in one piece: kindlab's CLI → engine → the real kind adapter → kubectl
// (fake executable on PATH, recording argv and stdin) and the API server (a local fake answering
// client-node). Each side is tested alone elsewhere; this proves they fit together.
// Fake answers are typed in the formats the real tools print; they are not recordings.
import { describe, expect, it } from 'vitest';
import { deployment, service } from './fakes/objects.js';
import { kindlabThroughAdapter } from './through-adapter.js';

const lab = kindlabThroughAdapter();

describe('kindlab start through the real adapter', () => {
  it('applies with kubectl, waits and captures through the API, and checks nslookup run with kubectl exec', async () => {
    // What the API server holds once kubectl apply has run: a ready Deployment and a Service with its ClusterIP.
    lab.api.put(deployment('web', 'lab-03', { replicas: 1, ready: 1 }));
    lab.api.put(service('web', 'lab-03', '10.96.41.7'));
    lab.tools.setRules([
      { tool: 'kubectl', argvIncludes: ['apply', '--server-side'], readStdin: true, stdout: 'namespace/lab-03 serverside-applied\n' },
      {
        tool: 'kubectl',
        argvIncludes: ['exec', 'netshoot', '--', 'nslookup', 'web'],
        stdout: 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\tweb.lab-03.svc.cluster.local\nAddress: 10.96.41.7\n\n',
      },
    ]);
    const run = await lab.kindlab(['start', '03', '--yes']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const calls = lab.tools.calls().map((c) => c.argv.slice(4).join(' '));
    expect(calls).toEqual([
      'apply --server-side --field-manager=kindlab --force-conflicts -f -',
      'apply --server-side --field-manager=kindlab --force-conflicts -n lab-03 -f -',
      'exec -n lab-03 netshoot -- nslookup web',
    ]);
    expect(lab.tools.calls().every((c) => c.argv.slice(0, 4).join(' ') === `--kubeconfig ${lab.kubeconfig} --context kind-kindlab`)).toBe(true);
    expect(lab.tools.calls()[0]!.stdin).toContain('kindlab.dev/lesson: 03-service-clusterip');
    expect(run.stdout).toContain('✓ stdout.contains: output contains "10.96.41.7"');
    expect(run.stdout).toContain('Your task: Change service web to type NodePort');
  });

  it('a cluster that kindlab up never finished is refused with what to run', async () => {
    lab.api.remove({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kindlab-info', namespace: 'kube-system' } });
    const run = await lab.kindlab(['start', '03', '--yes']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/exists but was not finished by (npx )?kindlab up/);
    expect(run.stderr).toContain('kindlab up');
    expect(lab.tools.calls()).toEqual([]);
  });
});
