// A small Kubernetes API server for contract tests: node:http on 127.0.0.1, a random port.
// It answers what client-node and the adapter ask: discovery (/api/v1, /apis, /apis/G/V),
// GET of one object (404 as a Status), LIST with labelSelector/fieldSelector (items without
// apiVersion/kind, as the real server sends them), WATCH (?watch=true: one JSON line
// {type, object} per change, replayed from resourceVersion; ERROR 410 for expired versions),
// and pods/NAME/log with tailLines. Every request is recorded for assertions.
// Its resource table is its own on purpose, so a mistake in the adapter's table shows up.
//
// Writes, for the real kubectl (test/contract/real-kubectl.test.ts): OpenAPI v3 (/openapi/v3)
// listing each kind's PATCH with the `fieldValidation` parameter, so kubectl's --validate=strict
// leaves schema checks to the server as it does with a real one (cli-runtime
// pkg/resource/query_param_verifier_v3.go); server-side apply (PATCH application/apply-patch+yaml,
// fieldManager required, object namespace must match the request's, namespace must exist); merge
// patch; POST (create, 409 when it exists; JSON, or protobuf read for apiVersion, kind and metadata only); DELETE; the scale subresource (discovery names autoscaling/v1 Scale); exec over a
// WebSocket (v5.channel.k8s.io/v4.channel.k8s.io: stdout 1, stderr 2, status 3), answered by
// `onExec`. It is a fake: it does NOT check fields against schemas (Strict field validation is
// only recorded as the query it receives), and apply merges maps instead of tracking field owners.
// With `controllers: true` it plays the controllers a lesson waits for: applied Pods run and are
// Ready, Deployments and StatefulSets get ready Pods and an Available status, Services a ClusterIP.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
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
  { group: 'apps', version: 'v1', plural: 'statefulsets', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'] },
  { group: 'batch', version: 'v1', plural: 'jobs', kind: 'Job', namespaced: true },
  { group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', kind: 'EndpointSlice', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, shortNames: ['netpol'] },
  { group: 'networking.k8s.io', version: 'v1', plural: 'ingressclasses', kind: 'IngressClass', namespaced: false },
  { group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', kind: 'Ingress', namespaced: true, shortNames: ['ing'] },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
  { group: 'scheduling.k8s.io', version: 'v1', plural: 'priorityclasses', kind: 'PriorityClass', namespaced: false, shortNames: ['pc'] },
  {
    group: 'admissionregistration.k8s.io',
    version: 'v1',
    plural: 'validatingwebhookconfigurations',
    kind: 'ValidatingWebhookConfiguration',
    namespaced: false,
  },
  { group: 'admissionregistration.k8s.io', version: 'v1', plural: 'mutatingwebhookconfigurations', kind: 'MutatingWebhookConfiguration', namespaced: false },
  { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gatewayclasses', kind: 'GatewayClass', namespaced: false, shortNames: ['gc'] },
  { group: 'gateway.networking.k8s.io', version: 'v1', plural: 'gateways', kind: 'Gateway', namespaced: true, shortNames: ['gtw'] },
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
  /** Play the controllers (scheduler, kubelet, Deployment/StatefulSet) for objects written through the API. */
  controllers?: boolean;
}

/** What a command run in a Pod by `kubectl exec` prints and returns. */
export interface ExecAnswer {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
}
export type ExecHandler = (call: { namespace: string; pod: string; container?: string; command: string[] }) => ExecAnswer;

/** Kinds with a scale subresource (apps/v1 in k8s.io/api). */
const SCALABLE = new Set(['Deployment', 'StatefulSet']);

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
  private readonly controllers: boolean;
  private readonly sockets = new Set<Socket>();
  private nextIP = 10;
  /** Answers `kubectl exec`; by default exit 0 with no output. */
  onExec: ExecHandler = () => ({});
  /** Every exec call, in order. */
  readonly execs: { namespace: string; pod: string; container?: string; command: string[]; protocol: string }[] = [];
  url = '';

  constructor(opts: FakeApiServerOptions = {}) {
    this.unserved = new Set(opts.unservedGroups ?? []);
    this.controllers = opts.controllers === true;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        RAW_BODIES.set(req, raw);
        this.handle(req, res, raw.toString('utf8'));
      });
    });
    this.server.on('upgrade', (req: http.IncomingMessage, socket: Socket) => this.upgrade(req, socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const w of this.watchers) w.res.destroy();
    this.watchers.clear();
    for (const s of this.sockets) s.destroy();
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
    return [...this.objects.values()].some(
      (o) => o.kind === kind && o.metadata.name === name && (namespace === undefined || o.metadata.namespace === namespace),
    );
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
    const status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `too old resource version: 1 (${this.rv})`,
      reason: 'Expired',
      code: 410,
    };
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
    return `${r.group}/${r.plural}/${r.namespaced ? (obj.metadata.namespace ?? 'default') : ''}/${obj.metadata.name}`;
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

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), at: Date.now() });
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const failure = (code: number, reason: string, message: string, details?: unknown) =>
      send(code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
    const notFound = (message: string, details?: unknown) => failure(404, 'NotFound', message, details);
    const method = req.method ?? 'GET';

    const p = url.pathname;
    if (method === 'GET' && p === '/openapi/v3') return send(200, this.openApiRoot());
    const openApi = /^\/openapi\/v3\/(api\/v1|apis\/([^/]+)\/([^/]+))$/.exec(p);
    if (method === 'GET' && openApi) {
      const doc = this.openApiDoc(openApi[2] ?? '', openApi[3] ?? 'v1');
      return doc ? send(200, doc) : notFound('the server could not find the requested resource');
    }
    if (method === 'GET' && p === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'] });
    if (method === 'GET' && p === '/apis') return send(200, this.groupList());
    const discovery = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(p);
    if (method === 'GET' && discovery) {
      const group = discovery[2] ?? '';
      const version = discovery[1] ?? discovery[3]!;
      if (this.unserved.has(group)) return notFound('the server could not find the requested resource');
      const resources = RESOURCES.filter((r) => r.group === group && r.version === version);
      if (!resources.length) return notFound('the server could not find the requested resource');
      return send(200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: group ? `${group}/${version}` : version,
        resources: resources.flatMap((r) => [
          {
            name: r.plural,
            singularName: r.kind.toLowerCase(),
            namespaced: r.namespaced,
            kind: r.kind,
            verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
            ...(r.shortNames ? { shortNames: r.shortNames } : {}),
          },
          ...(SCALABLE.has(r.kind)
            ? [
                {
                  name: `${r.plural}/scale`,
                  singularName: '',
                  namespaced: true,
                  group: 'autoscaling',
                  version: 'v1',
                  kind: 'Scale',
                  verbs: ['get', 'patch', 'update'],
                },
              ]
            : []),
          ...(r.kind === 'Pod'
            ? [
                { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
                { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
              ]
            : []),
        ]),
      });
    }

    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/(log|scale|exec))?$/.exec(p);
    if (!m) return notFound('the server could not find the requested resource');
    const group = m[2] ?? '';
    const version = m[1] ?? m[3]!;
    const namespace = m[4] ? decodeURIComponent(m[4]) : undefined;
    const plural = m[5]!;
    const name = m[6] ? decodeURIComponent(m[6]) : undefined;
    const sub = m[7];
    const r = RESOURCES.find((x) => x.group === group && x.version === version && x.plural === plural);
    if (!r || this.unserved.has(group)) return notFound('the server could not find the requested resource');
    const find = () =>
      [...this.objects.values()].find(
        (o) => this.resourceOfObject(o) === r && o.metadata.name === name && (!r.namespaced || o.metadata.namespace === namespace),
      );
    const missing = () => notFound(`${r.plural}${group ? `.${group}` : ''} "${name}" not found`, { name, group, kind: r.plural });

    if (sub === 'exec') return failure(400, 'BadRequest', 'Upgrade request required');
    if (sub === 'scale') {
      if (!SCALABLE.has(r.kind) || !name || !namespace) return notFound('the server could not find the requested resource');
      const obj = find();
      if (!obj) return missing();
      if (method === 'PATCH') {
        const patch = YAML.parse(body) as { spec?: { replicas?: number } };
        const replicas = patch.spec?.replicas;
        if (typeof replicas !== 'number') return failure(422, 'Invalid', 'spec.replicas: Required value');
        this.store({ ...obj, spec: { ...(obj.spec as object), replicas } }, true);
      } else if (method !== 'GET') return failure(405, 'MethodNotAllowed', `${method} is not supported on scale`);
      return send(200, this.scaleOf(find()!));
    }
    if (sub === 'log') {
      if (method !== 'GET') return failure(405, 'MethodNotAllowed', `${method} is not supported on log`);
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

    if (method === 'PATCH' && name) return this.patch(req, url, r, namespace, name, body, send, failure);
    if (method === 'POST' && !name) {
      let obj: FakeObject;
      try {
        // kubectl's typed clients (e.g. `kubectl create namespace`) send protobuf to built-in kinds.
        obj = rawBody(req).subarray(0, 4).equals(PROTOBUF_MAGIC) ? fromProtobuf(rawBody(req)) : (JSON.parse(body) as FakeObject);
      } catch (err) {
        return failure(400, 'BadRequest', `error decoding body: ${(err as Error).message}`);
      }
      if (obj?.kind !== r.kind || !obj.metadata?.name) return failure(400, 'BadRequest', `the body is not a ${r.kind} with a name`);
      if (r.namespaced && obj.metadata.namespace && obj.metadata.namespace !== namespace) {
        return failure(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      }
      if (r.namespaced && !this.has('Namespace', namespace ?? '')) return failure(404, 'NotFound', `namespaces "${namespace}" not found`);
      const target = { ...obj, metadata: { ...obj.metadata, ...(r.namespaced ? { namespace } : {}) } };
      if (this.objects.has(this.key(target)))
        return failure(409, 'AlreadyExists', `${r.plural}${group ? `.${group}` : ''} "${obj.metadata.name}" already exists`);
      return send(201, this.store(target, true));
    }
    if (method === 'DELETE' && name) {
      const obj = find();
      if (!obj) return missing();
      this.remove(obj);
      if (r.kind === 'Namespace') {
        for (const o of [...this.objects.values()]) if (this.resourceOfObject(o).namespaced && o.metadata.namespace === name) this.remove(o);
      }
      return send(200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group, kind: r.plural, uid: obj.metadata.uid } });
    }
    if (method !== 'GET') return failure(405, 'MethodNotAllowed', `the fake API server does not serve ${method} ${p}`);

    if (name) {
      const obj = find();
      return obj ? send(200, obj) : missing();
    }

    if (url.searchParams.get('watch') === 'true') {
      if (this.failNextWatches > 0) {
        this.failNextWatches--;
        return send(410, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'too old resource version',
          reason: 'Expired',
          code: 410,
        });
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.flushHeaders();
      const from = Number(url.searchParams.get('resourceVersion') ?? '0');
      if (from && from < this.compactedBelow) {
        res.end(
          JSON.stringify({
            type: 'ERROR',
            object: {
              kind: 'Status',
              apiVersion: 'v1',
              metadata: {},
              status: 'Failure',
              message: `too old resource version: ${from} (${this.compactedBelow})`,
              reason: 'Expired',
              code: 410,
            },
          }) + '\n',
        );
        return;
      }
      const watcher: Watcher = { resource: r, namespace, query: url.searchParams, res };
      for (const h of this.history) {
        if (h.rv > from && this.inCollection(h.object, r, namespace, url.searchParams)) res.write(JSON.stringify({ type: h.type, object: h.object }) + '\n');
      }
      this.watchers.add(watcher);
      res.on('close', () => this.watchers.delete(watcher));
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

  /** PATCH of one object: server-side apply (creates or merges) or a JSON merge patch. */
  private patch(
    req: http.IncomingMessage,
    url: URL,
    r: Resource,
    namespace: string | undefined,
    name: string,
    body: string,
    send: (status: number, payload: unknown) => void,
    failure: (code: number, reason: string, message: string) => void,
  ): void {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    let patch: FakeObject;
    try {
      patch = YAML.parse(body) as FakeObject;
    } catch (err) {
      return failure(400, 'BadRequest', `error decoding patch: ${(err as Error).message}`);
    }
    const existing = [...this.objects.values()].find(
      (o) => this.resourceOfObject(o) === r && o.metadata.name === name && (!r.namespaced || o.metadata.namespace === namespace),
    );
    if (type === 'application/apply-patch+yaml') {
      // k8s.io/apiserver pkg/endpoints/handlers/patch.go and rest/create: the checks a real server makes first.
      if (!url.searchParams.get('fieldManager')) return failure(400, 'BadRequest', 'PATCH requests with application/apply-patch+yaml require fieldManager');
      if (patch?.kind !== r.kind || (patch.apiVersion ?? '') !== (r.group ? `${r.group}/${r.version}` : r.version)) {
        return failure(400, 'BadRequest', `the apiVersion/kind of the object (${patch?.apiVersion} ${patch?.kind}) does not match the request`);
      }
      if (patch.metadata?.name !== name) return failure(400, 'BadRequest', 'the name of the object does not match the name on the URL');
      if (r.namespaced && patch.metadata.namespace && patch.metadata.namespace !== namespace) {
        return failure(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      }
      if (r.namespaced && !this.has('Namespace', namespace ?? '')) return failure(404, 'NotFound', `namespaces "${namespace}" not found`);
      const merged = existing ? mergeObjects(existing, patch) : { ...patch, metadata: { ...patch.metadata, ...(r.namespaced ? { namespace } : {}) } };
      const stored = this.store(merged as FakeObject, true);
      return send(existing ? 200 : 201, stored);
    }
    if (type === 'application/merge-patch+json') {
      if (!existing) return failure(404, 'NotFound', `${r.plural} "${name}" not found`);
      return send(200, this.store(mergeObjects(existing, patch) as FakeObject, true));
    }
    return failure(415, 'UnsupportedMediaType', `the fake API server does not serve patch type ${type}`);
  }

  /** Stores an object written through the API: server-set fields kept, generation bumped on spec changes, controllers played. */
  private store(obj: FakeObject, viaApi: boolean): FakeObject {
    const key = this.key(obj);
    const before = this.objects.get(key);
    const o = structuredClone(obj);
    o.metadata.uid ??= before?.metadata.uid ?? `uid-${o.metadata.namespace ?? 'cluster'}-${o.metadata.name}`;
    o.metadata.creationTimestamp ??= before?.metadata.creationTimestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    if (o.spec !== undefined) {
      const generation = Number(before?.metadata.generation ?? 0);
      o.metadata.generation = before && JSON.stringify(before.spec) === JSON.stringify(o.spec) ? generation : generation + 1;
    }
    if (o.kind === 'Service' && viaApi) {
      const spec = (o.spec ?? {}) as Record<string, unknown>;
      if (spec.clusterIP === undefined) spec.clusterIP = (before?.spec as { clusterIP?: string } | undefined)?.clusterIP ?? `10.96.0.${this.nextIP++}`;
      o.spec = spec;
    }
    if (this.controllers && viaApi) this.playControllers(o);
    return this.put(o);
  }

  /** What the scheduler, kubelet and workload controllers would report once all is well. */
  private playControllers(o: FakeObject): void {
    const now = o.metadata.creationTimestamp as string;
    if (o.kind === 'Pod') {
      const spec = (o.spec ?? {}) as { containers?: { name: string; image?: string }[] };
      o.spec = { ...spec, nodeName: 'kindlab-worker' };
      const ip = `10.244.1.${this.nextIP++}`;
      o.status = {
        phase: 'Running',
        hostIP: '172.18.0.3',
        podIP: ip,
        podIPs: [{ ip }],
        conditions: ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map((type) => ({ type, status: 'True', lastTransitionTime: now })),
        containerStatuses: (spec.containers ?? []).map((c) => ({
          name: c.name,
          image: c.image,
          ready: true,
          restartCount: 0,
          started: true,
          state: { running: { startedAt: now } },
        })),
      };
    }
    if (o.kind === 'Deployment' || o.kind === 'StatefulSet') {
      const spec = (o.spec ?? {}) as { replicas?: number; template?: { metadata?: { labels?: Record<string, string> }; spec?: unknown } };
      const replicas = spec.replicas ?? 1;
      o.status = {
        observedGeneration: o.metadata.generation,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: replicas,
        availableReplicas: replicas,
        ...(o.kind === 'StatefulSet' ? { currentReplicas: replicas } : {}),
        conditions:
          o.kind === 'Deployment'
            ? [
                {
                  type: 'Available',
                  status: 'True',
                  reason: 'MinimumReplicasAvailable',
                  message: 'Deployment has minimum availability.',
                  lastUpdateTime: now,
                  lastTransitionTime: now,
                },
              ]
            : [],
      };
      const owner = `${o.kind}/${o.metadata.name}`;
      const podName = (i: number) =>
        o.kind === 'StatefulSet' ? `${o.metadata.name}-${i}` : `${o.metadata.name}-7c5ddbdf54-${String.fromCharCode(97 + (i % 26))}${i}`;
      const mine = [...this.objects.values()].filter(
        (p) =>
          p.kind === 'Pod' &&
          p.metadata.namespace === o.metadata.namespace &&
          (p.metadata.annotations as Record<string, string> | undefined)?.['fake.kindlab.dev/owner'] === owner,
      );
      for (const p of mine.slice(replicas)) this.remove(p);
      for (let i = mine.length; i < replicas; i++) {
        this.store(
          {
            apiVersion: 'v1',
            kind: 'Pod',
            metadata: {
              name: podName(i),
              namespace: o.metadata.namespace,
              labels: spec.template?.metadata?.labels ?? {},
              annotations: { 'fake.kindlab.dev/owner': owner },
            },
            spec: spec.template?.spec ?? {},
          },
          true,
        );
      }
    }
  }

  private scaleOf(obj: FakeObject) {
    const spec = obj.spec as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: obj.metadata.name,
        namespace: obj.metadata.namespace,
        uid: obj.metadata.uid,
        resourceVersion: obj.metadata.resourceVersion,
        creationTimestamp: obj.metadata.creationTimestamp,
      },
      spec: { replicas: spec.replicas ?? 1 },
      status: {
        replicas: (obj.status as { replicas?: number } | undefined)?.replicas ?? 0,
        selector: Object.entries(spec.selector?.matchLabels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      },
    };
  }

  /** OpenAPI v3 discovery: one document per group version (k8s.io/kube-openapi handler3). */
  private openApiRoot() {
    const gvs = [...new Set(RESOURCES.filter((r) => !this.unserved.has(r.group)).map((r) => (r.group ? `apis/${r.group}/${r.version}` : `api/${r.version}`)))];
    return { paths: Object.fromEntries(gvs.map((gv) => [gv, { serverRelativeURL: `/openapi/v3/${gv}?hash=FAKE${gv.length}` }])) };
  }

  /** Each kind's object path with a PATCH that accepts fieldValidation, as the real documents say. */
  private openApiDoc(group: string, version: string) {
    const resources = RESOURCES.filter((r) => r.group === group && r.version === version && !this.unserved.has(group));
    if (!resources.length) return undefined;
    const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const query = (n: string) => ({ name: n, in: 'query', schema: { type: 'string', uniqueItems: true } });
    return {
      openapi: '3.0.0',
      info: { title: 'Kubernetes (kindlab fake API server)', version: 'v1.33.4' },
      paths: Object.fromEntries(
        resources.map((r) => [
          `${prefix}${r.namespaced ? '/namespaces/{namespace}' : ''}/${r.plural}/{name}`,
          {
            patch: {
              operationId: `patch${r.kind}`,
              parameters: ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map(query),
              responses: { '200': { description: 'OK' } },
              'x-kubernetes-action': 'patch',
              'x-kubernetes-group-version-kind': { group: r.group, version: r.version, kind: r.kind },
            },
          },
        ]),
      ),
    };
  }

  /** `kubectl exec` over a WebSocket (k8s.io/apimachinery pkg/util/remotecommand; client-go tools/remotecommand/websocket.go). */
  private upgrade(req: http.IncomingMessage, socket: Socket): void {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: `${req.method ?? 'GET'} (upgrade)`, path: url.pathname, query: Object.fromEntries(url.searchParams), at: Date.now() });
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const refuse = (code: number, text: string): void => void socket.end(`HTTP/1.1 ${code} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/exec$/.exec(url.pathname);
    const key = req.headers['sec-websocket-key'];
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((s) => s.trim());
    const protocol = ['v5.channel.k8s.io', 'v4.channel.k8s.io'].find((p) => offered.includes(p));
    if (!m || typeof key !== 'string' || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return refuse(400, 'Bad Request');
    if (!protocol) return refuse(400, 'Bad Request');
    const namespace = decodeURIComponent(m[1]!);
    const pod = decodeURIComponent(m[2]!);
    if (!this.has('Pod', pod, namespace)) return refuse(404, 'Not Found');
    const command = url.searchParams.getAll('command');
    const container = url.searchParams.get('container') ?? undefined;
    this.execs.push({ namespace, pod, ...(container ? { container } : {}), command, protocol });
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
    );
    socket.on('data', () => {}); // client frames (stdin, resize, close signal) are not needed here
    const answer = this.onExec({ namespace, pod, ...(container ? { container } : {}), command });
    const channel = (n: number, data: string) => socket.write(wsFrame(0x2, Buffer.concat([Buffer.from([n]), Buffer.from(data)])));
    if (answer.stdout) channel(1, answer.stdout);
    if (answer.stderr) channel(2, answer.stderr);
    const exitCode = answer.exitCode ?? 0;
    const status =
      exitCode === 0
        ? { metadata: {}, status: 'Success' }
        : {
            metadata: {},
            status: 'Failure',
            message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
            reason: 'NonZeroExitCode',
            details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
          };
    channel(3, JSON.stringify(status));
    socket.write(wsFrame(0x8, Buffer.from([0x03, 0xe8])));
    setTimeout(() => socket.end(), 50);
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

/** One unmasked WebSocket frame, as a server sends it (RFC 6455 §5.2). */
function wsFrame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff]) : Buffer.alloc(10);
  if (n >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

/** A JSON merge patch (RFC 7386) of `patch` onto `base`; server-owned metadata and status stay. */
function mergeObjects(base: FakeObject, patch: FakeObject): FakeObject {
  const merge = (a: unknown, b: unknown): unknown => {
    if (b === null) return undefined;
    if (typeof b !== 'object' || Array.isArray(b) || typeof a !== 'object' || a === null || Array.isArray(a)) return structuredClone(b);
    const out: Record<string, unknown> = { ...(a as Record<string, unknown>) };
    for (const [k, v] of Object.entries(b as Record<string, unknown>)) {
      const m = merge(out[k], v);
      if (m === undefined) delete out[k];
      else out[k] = m;
    }
    return out;
  };
  const { resourceVersion: _rv, ...patchMeta } = patch.metadata ?? ({} as FakeObject['metadata']);
  return merge(base, { ...patch, metadata: patchMeta }) as FakeObject;
}

const RAW_BODIES = new WeakMap<http.IncomingMessage, Buffer>();
const rawBody = (req: http.IncomingMessage) => RAW_BODIES.get(req) ?? Buffer.alloc(0);

/** The 4 bytes that start a Kubernetes protobuf message (k8s.io/apimachinery runtime/serializer/protobuf). */
const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

/** Protobuf fields of one message: field number -> values (varints as numbers, length-delimited as buffers). */
function protoFields(buf: Buffer): Map<number, (number | Buffer)[]> {
  const fields = new Map<number, (number | Buffer)[]>();
  let i = 0;
  const varint = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = buf[i++]!;
      result += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return result;
      shift += 7;
    }
  };
  while (i < buf.length) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    let value: number | Buffer;
    if (wire === 0) value = varint();
    else if (wire === 2) {
      const len = varint();
      value = buf.subarray(i, i + len);
      i += len;
    } else if (wire === 1) {
      value = buf.readUInt32LE(i);
      i += 8;
    } else if (wire === 5) {
      value = buf.readUInt32LE(i);
      i += 4;
    } else throw new Error(`protobuf wire type ${wire} not supported by the fake`);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

/**
 * The apiVersion, kind and metadata (name, namespace, labels) of a protobuf-encoded object: the
 * envelope runtime.Unknown {typeMeta 1 {apiVersion 1, kind 2}, raw 2}, the object's ObjectMeta at
 * field 1 {name 1, namespace 3, labels 11} (k8s.io/apimachinery generated.proto). Nothing more.
 */
function fromProtobuf(body: Buffer): FakeObject {
  const text = (b: number | Buffer | undefined) => (Buffer.isBuffer(b) ? b.toString('utf8') : undefined);
  const unknown = protoFields(body.subarray(4));
  const typeMeta = protoFields((unknown.get(1)?.[0] as Buffer | undefined) ?? Buffer.alloc(0));
  const raw = protoFields((unknown.get(2)?.[0] as Buffer | undefined) ?? Buffer.alloc(0));
  const meta = protoFields((raw.get(1)?.[0] as Buffer | undefined) ?? Buffer.alloc(0));
  const labels: Record<string, string> = {};
  for (const entry of meta.get(11) ?? []) {
    const kv = protoFields(entry as Buffer);
    labels[text(kv.get(1)?.[0]) ?? ''] = text(kv.get(2)?.[0]) ?? '';
  }
  const namespace = text(meta.get(3)?.[0]);
  return {
    apiVersion: text(typeMeta.get(1)?.[0]) ?? '',
    kind: text(typeMeta.get(2)?.[0]) ?? '',
    metadata: { name: text(meta.get(1)?.[0]) ?? '', ...(namespace ? { namespace } : {}), ...(Object.keys(labels).length ? { labels } : {}) },
  };
}
