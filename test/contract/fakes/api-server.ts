// A small Kubernetes API server for contract tests: node:http on 127.0.0.1, a random port.
// It answers what client-node and the adapter ask: discovery (/api/v1, /apis, /apis/G/V),
// GET of one object (404 as a Status), LIST with labelSelector/fieldSelector (items without
// apiVersion/kind, as the real server sends them), WATCH (?watch=true: one JSON line
// {type, object} per change, replayed from resourceVersion; ERROR 410 for expired versions),
// and pods/NAME/log with tailLines. Every request is recorded for assertions.
// Its resource table is its own on purpose, so a mistake in the adapter's table shows up.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import YAML from 'yaml';

export interface FakeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
}

interface Resource {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
}

const RESOURCES: Resource[] = [
  { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'] },
  { group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true, shortNames: ['svc'] },
  { group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'] },
  { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'] },
  { group: '', version: 'v1', plural: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] },
  { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'] },
  { group: '', version: 'v1', plural: 'persistentvolumes', kind: 'PersistentVolume', namespaced: false, shortNames: ['pv'] },
  { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy'] },
  { group: 'apps', version: 'v1', plural: 'daemonsets', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'] },
  { group: 'batch', version: 'v1', plural: 'jobs', kind: 'Job', namespaced: true },
  { group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', kind: 'EndpointSlice', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, shortNames: ['netpol'] },
  { group: 'networking.k8s.io', version: 'v1', plural: 'ingressclasses', kind: 'IngressClass', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
  { group: 'scheduling.k8s.io', version: 'v1', plural: 'priorityclasses', kind: 'PriorityClass', namespaced: false, shortNames: ['pc'] },
  { group: 'admissionregistration.k8s.io', version: 'v1', plural: 'validatingwebhookconfigurations', kind: 'ValidatingWebhookConfiguration', namespaced: false },
  { group: 'admissionregistration.k8s.io', version: 'v1', plural: 'mutatingwebhookconfigurations', kind: 'MutatingWebhookConfiguration', namespaced: false },
  { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gatewayclasses', kind: 'GatewayClass', namespaced: false, shortNames: ['gc'] },
  { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'httproutes', kind: 'HTTPRoute', namespaced: true },
  { group: 'example.kindlab.dev', version: 'v1alpha1', plural: 'widgets', kind: 'Widget', namespaced: true, shortNames: ['wdg'] },
];

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  at: number;
}

interface Watcher {
  resource: Resource;
  namespace?: string;
  query: URLSearchParams;
  res: http.ServerResponse;
}

interface HistoryEntry {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: FakeObject;
}

export interface FakeApiServerOptions {
  /** API groups not served (as when a CRD is not installed): their paths answer 404. */
  unservedGroups?: string[];
}

export class FakeApiServer {
  readonly requests: RecordedRequest[] = [];
  private readonly objects = new Map<string, FakeObject>();
  private readonly history: HistoryEntry[] = [];
  private readonly watchers = new Set<Watcher>();
  private readonly logs = new Map<string, string>();
  private rv = 100;
  /** Watches asking for a resourceVersion below this get ERROR 410 Gone. */
  private compactedBelow = 0;
  private failNextWatches = 0;
  private server: http.Server | undefined;
  private readonly unserved: Set<string>;
  url = '';

  constructor(opts: FakeApiServerOptions = {}) {
    this.unserved = new Set(opts.unservedGroups ?? []);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const w of this.watchers) w.res.destroy();
    this.watchers.clear();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Create or update an object; watchers see ADDED or MODIFIED. */
  put(obj: FakeObject): FakeObject {
    const key = this.key(obj);
    const type = this.objects.has(key) ? 'MODIFIED' : 'ADDED';
    const stored = structuredClone(obj);
    stored.metadata.resourceVersion = String(++this.rv);
    this.objects.set(key, stored);
    this.emit({ rv: this.rv, type, object: stored });
    return stored;
  }

  /** Delete an object; watchers see DELETED. */
  remove(obj: Pick<FakeObject, 'apiVersion' | 'kind' | 'metadata'>): void {
    const key = this.key(obj as FakeObject);
    const stored = this.objects.get(key);
    if (!stored) return;
    this.objects.delete(key);
    const gone = structuredClone(stored);
    gone.metadata.resourceVersion = String(++this.rv);
    this.emit({ rv: this.rv, type: 'DELETED', object: gone });
  }

  /** Stored objects of a kind (e.g. `Namespace`), copies. */
  list(kind: string): FakeObject[] {
    return [...this.objects.values()].filter((o) => o.kind === kind).map((o) => structuredClone(o));
  }

  has(kind: string, name: string, namespace?: string): boolean {
    return [...this.objects.values()].some((o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace));
  }

  setLog(namespace: string, pod: string, container: string, text: string, previous = false): void {
    this.logs.set(`${namespace}/${pod}/${container}/${previous}`, text);
  }

  /** Cut every open watch connection, as a dropped network or an API server restart would. */
  dropWatches(): void {
    for (const w of this.watchers) w.res.destroy();
    this.watchers.clear();
  }

  /** Send ERROR 410 Gone on every open watch and end it, as an API server does when a watch falls too far behind. */
  expireWatches(): void {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: 1 (${this.rv})`, reason: 'Expired', code: 410 };
    for (const w of this.watchers) w.res.end(JSON.stringify({ type: 'ERROR', object: status }) + '\n');
    this.watchers.clear();
  }

  /** Forget history: watches from an older resourceVersion get ERROR 410 Gone (as after etcd compaction). */
  compact(): void {
    this.compactedBelow = this.rv;
  }

  /** The next `n` watch requests are answered with HTTP 410 Gone instead of a stream. */
  failWatches(n: number): void {
    this.failNextWatches = n;
  }

  watchCount(): number {
    return this.requests.filter((r) => r.query.watch === 'true').length;
  }

  /** A kubeconfig whose context `kind-kindlab` points here; more contexts may point elsewhere. */
  writeKubeconfig(file: string, opts: { currentContext?: string; extra?: { name: string; server: string }[] } = {}): string {
    const all = [{ name: 'kind-kindlab', server: this.url }, ...(opts.extra ?? [])];
    const config = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: all.map((c) => ({ name: c.name, cluster: { server: c.server, 'insecure-skip-tls-verify': true } })),
      users: all.map((c) => ({ name: c.name, user: { token: `token-for-${c.name}` } })),
      contexts: all.map((c) => ({ name: c.name, context: { cluster: c.name, user: c.name } })),
      'current-context': opts.currentContext ?? 'kind-kindlab',
      preferences: {},
    };
    fs.writeFileSync(file, YAML.stringify(config));
    return file;
  }

  private key(obj: FakeObject): string {
    const r = this.resourceOfObject(obj);
    return `${r.group}/${r.plural}/${r.namespaced ? obj.metadata.namespace ?? 'default' : ''}/${obj.metadata.name}`;
  }

  private resourceOfObject(obj: FakeObject): Resource {
    const group = obj.apiVersion.includes('/') ? obj.apiVersion.split('/')[0]! : '';
    const r = RESOURCES.find((x) => x.kind === obj.kind && x.group === group);
    if (!r) throw new Error(`fake API server: no resource for ${obj.apiVersion} ${obj.kind}`);
    return r;
  }

  private emit(entry: HistoryEntry): void {
    this.history.push(entry);
    for (const w of this.watchers) {
      if (this.inCollection(entry.object, w.resource, w.namespace, w.query)) {
        w.res.write(JSON.stringify({ type: entry.type, object: entry.object }) + '\n');
      }
    }
  }

  private inCollection(obj: FakeObject, r: Resource, namespace: string | undefined, q: URLSearchParams): boolean {
    const or = this.resourceOfObject(obj);
    if (or !== r) return false;
    if (namespace && obj.metadata.namespace !== namespace) return false;
    const labels = q.get('labelSelector');
    if (labels && !labelsMatch(obj.metadata.labels ?? {}, labels)) return false;
    const fields = q.get('fieldSelector');
    if (fields && !fieldsMatch(obj, fields)) return false;
    return true;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), at: Date.now() });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const notFound = (message: string, details?: unknown) =>
      send(404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'NotFound', details, code: 404 });

    if (req.method !== 'GET') return send(405, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the fake API server is read-only', code: 405 });
    const p = url.pathname;
    if (p === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'] });
    if (p === '/apis') return send(200, this.groupList());
    const discovery = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(p);
    if (discovery) {
      const group = discovery[2] ?? '';
      const version = discovery[1] ?? discovery[3]!;
      if (this.unserved.has(group)) return notFound('the server could not find the requested resource');
      const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
      if (!resources.length) return notFound('the server could not find the requested resource');
      return send(200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: group ? `${group}/${version}` : version,
        resources: resources.map((r) => ({
          name: r.plural,
          singularName: r.kind.toLowerCase(),
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
          ...(r.shortNames ? { shortNames: r.shortNames } : {}),
        })),
      });
    }

    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/(log))?$/.exec(p);
    if (!m) return notFound('the server could not find the requested resource');
    const group = m[2] ?? '';
    const version = m[1] ?? m[3]!;
    const namespace = m[4] ? decodeURIComponent(m[4]) : undefined;
    const plural = m[5]!;
    const name = m[6] ? decodeURIComponent(m[6]) : undefined;
    const r = RESOURCES.find((x) => x.group === group && x.version === version && x.plural === plural);
    if (!r || this.unserved.has(group)) return notFound('the server could not find the requested resource');

    if (m[7] === 'log') {
      if (r.plural !== 'pods' || !name || !namespace) return notFound('not a pod');
      const previous = url.searchParams.get('previous') === 'true';
      const text = this.logs.get(`${namespace}/${name}/${url.searchParams.get('container') ?? ''}/${previous}`);
      if (text === undefined) return notFound(`previous terminated container not found`);
      const tail = Number(url.searchParams.get('tailLines') ?? '0');
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end((tail > 0 ? lines.slice(-tail) : lines).map((l) => `${l}\n`).join(''));
      return;
    }

    if (name) {
      const obj = [...this.objects.values()].find(
        (o) => this.resourceOfObject(o) === r && o.metadata.name === name && (!r.namespaced || o.metadata.namespace === namespace),
      );
      if (!obj) return notFound(`${r.plural}${group ? `.${group}` : ''} "${name}" not found`, { name, group, kind: r.plural });
      return send(200, obj);
    }

    if (url.searchParams.get('watch') === 'true') {
      if (this.failNextWatches > 0) {
        this.failNextWatches--;
        return send(410, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version', reason: 'Expired', code: 410 });
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.flushHeaders();
      const from = Number(url.searchParams.get('resourceVersion') ?? '0');
      if (from && from < this.compactedBelow) {
        res.end(
          JSON.stringify({
            type: 'ERROR',
            object: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `too old resource version: ${from} (${this.compactedBelow})`, reason: 'Expired', code: 410 },
          }) + '\n',
        );
        return;
      }
      const watcher: Watcher = { resource: r, namespace, query: url.searchParams, res };
      for (const h of this.history) {
        if (h.rv > from && this.inCollection(h.object, r, namespace, url.searchParams)) res.write(JSON.stringify({ type: h.type, object: h.object }) + '\n');
      }
      this.watchers.add(watcher);
      req.on('close', () => this.watchers.delete(watcher));
      return;
    }

    const items = [...this.objects.values()]
      .filter((o) => this.inCollection(o, r, namespace, url.searchParams))
      .map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
    return send(200, {
      kind: `${r.kind}List`,
      apiVersion: group ? `${group}/${version}` : version,
      metadata: { resourceVersion: String(this.rv) },
      items,
    });
  }

  private groupList() {
    const groups = [...new Set(RESOURCES.map((r) => r.group).filter((g) => g && !this.unserved.has(g)))];
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map((g) => {
        const version = RESOURCES.find((r) => r.group === g)!.version;
        return { name: g, versions: [{ groupVersion: `${g}/${version}`, version }], preferredVersion: { groupVersion: `${g}/${version}`, version } };
      }),
    };
  }
}

/** Equality-based selectors as the API server reads them: `a=b`, `a==b`, `a!=b`, `a`, `!a`. */
export function labelsMatch(labels: Record<string, string>, selector: string): boolean {
  return selector
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .every((term) => {
      const ne = /^([^!=]+)!=(.*)$/.exec(term);
      if (ne) return labels[ne[1]!] !== ne[2];
      const eq = /^([^!=]+)==?(.*)$/.exec(term);
      if (eq) return labels[eq[1]!] === eq[2];
      if (term.startsWith('!')) return !(term.slice(1) in labels);
      return term in labels;
    });
}

function fieldsMatch(obj: FakeObject, selector: string): boolean {
  return selector.split(',').every((term) => {
    const [path, value] = term.split('=') as [string, string];
    let cur: unknown = obj;
    for (const part of path.split('.')) cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[part] : undefined;
    return String(cur) === value;
  });
}
