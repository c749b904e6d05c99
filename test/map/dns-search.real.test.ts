// The dnsSearch picture with the real resolver tools: a "Pod" network namespace whose resolv.conf
// is what the kubelet writes (search <ns>.svc.cluster.local svc.cluster.local cluster.local,
// ndots:5) and the real dig against dnsmasq serving one Service name (NXDOMAIN for the rest, as
// CoreDNS answers). The fake cluster's Pod exec hands back what the real commands printed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import path from 'node:path';
import { loadLesson } from '../../src/lessons/load.js';
import { showStepDiagram, type DrawnDiagram } from '../../src/engine/session.js';
import { initialBindings, type EngineContext } from '../../src/engine/step.js';
import { systemClock } from '../../src/engine/clock.js';
import { digArgv } from '../../src/engine/diagram/readings.js';
import { renderDiagramText } from '../../src/ui/map/diagram-text.js';
import { renderDiagramSvg } from '../../src/ui/map/diagram-svg.js';
import type { Lesson } from '../../src/lessons/model.js';
import { FakeCluster } from '../fakes/fake-cluster.js';
import { describeRealTools, dnsmasqArgv, must, netnsPair, writeResolvConf, type Netns } from '../real-tools/harness.js';
import { XMLValidator } from 'fast-xml-parser';

const CANDIDATES = [
  'web.lab-04.svc.cluster.local.',
  'web.svc.cluster.local.',
  'web.cluster.local.',
  'web.',
  'web.lab-04-other.lab-04.svc.cluster.local.',
  'web.lab-04-other.svc.cluster.local.',
];

describeRealTools('dnsSearch picture from the real dig and resolv.conf', ['ip', 'dig', 'dnsmasq', 'cat'], () => {
  let pod: Netns;
  let dns: Netns;
  const cluster = new FakeCluster('kindnet');
  let lesson: Lesson;

  beforeAll(async () => {
    const pair = await netnsPair('s');
    pod = pair.a;
    dns = pair.b;
    writeResolvConf(pod, 'search lab-04.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    await dns.start(dnsmasqArgv(['10.96.0.10'], ['--host-record=web.lab-04-other.svc.cluster.local,10.96.5.5', '--address=/#/']), { readyText: 'started' });
    for (const argv of [['cat', '/etc/resolv.conf'], ...CANDIDATES.map(digArgv)]) {
      const r = await pod.exec(argv, 10_000);
      cluster.answer(argv, { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode });
    }
    cluster.objects.push(
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'kube-dns', namespace: 'kube-system' }, spec: { clusterIP: '10.96.0.10' } },
      {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: { name: 'kube-dns-abcde', namespace: 'kube-system', labels: { 'kubernetes.io/service-name': 'kube-dns' } },
        endpoints: [
          { addresses: ['10.244.0.2'], targetRef: { kind: 'Pod', name: 'coredns-668d6bf9bc-7xk2p' } },
          { addresses: ['10.244.0.3'], targetRef: { kind: 'Pod', name: 'coredns-668d6bf9bc-q9z4m' } },
        ],
      },
    );
    const loaded = await loadLesson(path.resolve('labs/04-dns-namespaces'));
    if (!loaded.ok) throw new Error('lesson 04 does not load');
    lesson = loaded.lesson;
    void must;
  });
  afterAll(async () => {
    await pod?.remove();
    await dns?.remove();
  });

  const draw = async (name: string): Promise<DrawnDiagram> => {
    const ctx: EngineContext = { lesson, cluster, clock: systemClock, bindings: initialBindings(lesson, cluster) };
    let shown: DrawnDiagram | undefined;
    await showStepDiagram({ ...lesson.steps[0]!, diagram: { dnsSearch: { pod: 'netshoot', name } } }, ctx, { showDiagram: (_s, d) => void (shown = d) });
    return shown!;
  };

  test('"web" from lab-04 walks the whole search list, NXDOMAIN from 10.96.0.10 each time, then the bare name: no address', async () => {
    const d = await draw('web');
    if (!d.ok || d.diagram.kind !== 'dnsSearch') throw new Error(JSON.stringify(d));
    const p = d.diagram.picture;
    expect(p).toMatchObject({
      ndots: 5,
      nameserver: '10.96.0.10',
      searchFirst: true,
      kubeDns: {
        clusterIP: '10.96.0.10',
        endpoints: [
          { ip: '10.244.0.2', pod: 'coredns-668d6bf9bc-7xk2p' },
          { ip: '10.244.0.3', pod: 'coredns-668d6bf9bc-q9z4m' },
        ],
      },
    });
    expect(p.tries.map((x) => [x.name, x.status, x.server])).toEqual([
      ['web.lab-04.svc.cluster.local.', 'NXDOMAIN', '10.96.0.10'],
      ['web.svc.cluster.local.', 'NXDOMAIN', '10.96.0.10'],
      ['web.cluster.local.', 'NXDOMAIN', '10.96.0.10'],
      ['web.', 'NXDOMAIN', '10.96.0.10'],
    ]);
    expect(p.answeredBy).toBeUndefined();
    for (const lang of ['ja', 'en'] as const) {
      const text = renderDiagramText(d.diagram, { lang, width: 80, ascii: false });
      await expect(text).toMatchFileSnapshot(`__snapshots__/dns-search-web-${lang}-80.txt`);
    }
  });

  test('"web.lab-04-other" is answered by the second candidate; the rest are not asked', async () => {
    const d = await draw('web.lab-04-other');
    if (!d.ok || d.diagram.kind !== 'dnsSearch') throw new Error(JSON.stringify(d));
    const p = d.diagram.picture;
    expect(p.tries.map((x) => [x.name, x.status, x.addresses])).toEqual([
      ['web.lab-04-other.lab-04.svc.cluster.local.', 'NXDOMAIN', []],
      ['web.lab-04-other.svc.cluster.local.', 'NOERROR', ['10.96.5.5']],
      ['web.lab-04-other.cluster.local.', undefined, []],
      ['web.lab-04-other.', undefined, []],
    ]);
    expect(p.answeredBy).toBe('web.lab-04-other.svc.cluster.local.');
    const text = renderDiagramText(d.diagram, { lang: 'en', width: 80, ascii: false });
    await expect(text).toMatchFileSnapshot('__snapshots__/dns-search-other-en-80.txt');
    expect(text).toContain('web.lab-04-other.svc.cluster.local. answered: 10.96.5.5');
    expect(XMLValidator.validate(renderDiagramSvg(d.diagram, 'ja'))).toBe(true);
  });
});

describe('dnsSearch placeholder (dry run)', () => {
  test('lesson 04 short-name draws the search list with <status> placeholders', async () => {
    const { dryRun } = await import('../../src/engine/dry-run.js');
    const loaded = await loadLesson(path.resolve('labs/04-dns-namespaces'));
    if (!loaded.ok) throw new Error('lesson 04 does not load');
    const d = dryRun(loaded.lesson, 'kindnet').steps.find((s) => s.id === 'short-name')?.diagram;
    expect(d?.kind).toBe('dnsSearch');
    const text = renderDiagramText(d!, { lang: 'ja', width: 80, ascii: false });
    expect(text).toContain('web.lab-04.svc.cluster.local.');
    expect(text).toContain('<status>');
  });
});
