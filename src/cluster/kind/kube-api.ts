// Reads and watches through @kubernetes/client-node, pinned to the lab's context.
// KubeConfig supplies the server, TLS and credentials of that one context (never the
// kubeconfig's current-context, and the file is never written); Watch streams changes.
// GET and LIST return the API server's JSON untouched: client-node's typed models drop fields
// they do not know and turn timestamps into Date objects, and captures must see what
// `kubectl get -o json` shows.
import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import { startDeadline } from '../deadline.js';
import { KindlabError } from '../../core/errors.js';
import { TextError } from '../../core/task.js';
import { clusterForContext } from '../context-name.js';
import { ClusterUnreachable, type KubeObject } from '../port.js';
import { apiVersionOf, resourceFor, resourceForObject, resourcePath, splitApiVersion, type ResourceInfo } from '../../core/kube-resources.js';

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** An HTTP answer other than 2xx/404 from the API server. */
export class ApiError extends KindlabError {
  constructor(
    readonly status: number,
    readonly path: string,
    readonly body: string,
  ) {
    super(`API server answered ${status} for GET ${path}: ${statusMessage(body)}`);
    this.name = 'ApiError';
  }
}

function statusMessage(body: string): string {
  try {
    const s = JSON.parse(body) as { message?: string };
    return s.message ?? body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

export interface KubeApiOptions {
  context: string;
  /** A kubeconfig file; otherwise KUBECONFIG or ~/.kube/config, as kubectl reads them. */
  kubeconfig?: string;
}

const DOCTOR_THEN_UP = { ja: 'kindlab doctor   # そのあと: kindlab up', en: 'kindlab doctor   # then: kindlab up' };

/** Loads the kubeconfig and selects `context` in memory; ClusterUnreachable when it is not there. */
export function loadKubeConfig(opts: KubeApiOptions): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (opts.kubeconfig) kc.loadFromFile(opts.kubeconfig);
    else kc.loadFromDefault();
  } catch (err) {
    const file = opts.kubeconfig ? ` ${opts.kubeconfig}` : '';
    throw new ClusterUnreachable(
      { ja: `kubeconfig${file} を読めません: ${(err as Error).message}`, en: `cannot read the kubeconfig${file}: ${(err as Error).message}` },
      'kindlab up',
    );
  }
  if (!kc.getContextObject(opts.context)) {
    const known = kc.getContexts().map((c) => c.name);
    const kindCluster = clusterForContext(opts.context);
    throw new ClusterUnreachable(
      {
        ja: `kubeconfig にコンテキスト "${opts.context}" がありません (あるもの: ${known.join(', ') || 'なし'})`,
        en: `the kubeconfig has no context "${opts.context}" (it has: ${known.join(', ') || 'none'})`,
      },
      kindCluster !== undefined
        ? { ja: `kindlab up   # または: kind export kubeconfig --name ${kindCluster}`, en: `kindlab up   # or: kind export kubeconfig --name ${kindCluster}` }
        : 'kubectl config get-contexts',
    );
  }
  // Only this in-memory copy changes; the user's current-context stays as it was.
  kc.setCurrentContext(opts.context);
  return kc;
}

export class KubeApi {
  private readonly discovered = new Map<string, ResourceInfo | null>();
  private discoveryDone = false;

  constructor(
    readonly kc: KubeConfig,
    readonly context: string,
  ) {}

  static forContext(opts: KubeApiOptions): KubeApi {
    return new KubeApi(loadKubeConfig(opts), opts.context);
  }

  get server(): string {
    return this.kc.getCurrentCluster()?.server ?? '(no server)';
  }

  /** GET a path; resolves with the status and body (404 included), rejects when unreachable or when the limit passes. */
  async request(path: string, query: Record<string, string | undefined> = {}, opts: RequestOptions = {}): Promise<{ status: number; body: string }> {
    const url = new URL(this.server + path);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    const reqOpts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json' } };
    await this.kc.applyToHTTPSOptions(reqOpts);
    // The limit covers connecting, the answer's headers and its whole body.
    const deadline = startDeadline(opts.timeoutMs, opts.signal);
    reqOpts.signal = deadline.signal;
    const lib = url.protocol === 'http:' ? http : https;
    const aborted = (err: unknown) =>
      deadline.expired
        ? new ClusterUnreachable(
            {
              ja: `コンテキスト "${this.context}" の API サーバー ${this.server} は接続を受け付けましたが、GET ${path} に ${opts.timeoutMs} ms 以内に応答しませんでした`,
              en: `the API server ${this.server} of context "${this.context}" accepted the connection but did not answer GET ${path} within ${opts.timeoutMs} ms`,
            },
            DOCTOR_THEN_UP,
          )
        : (opts.signal?.reason ?? err);
    try {
      return await new Promise((resolve, reject) => {
        const req = lib.request(url, reqOpts, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (err) => reject(deadline.signal.aborted ? aborted(err) : err));
        });
        req.on('error', (err: NodeJS.ErrnoException) => {
          if (deadline.signal.aborted) return reject(aborted(err));
          reject(
            new ClusterUnreachable(
              {
                ja: `コンテキスト "${this.context}" の API サーバー ${this.server} に接続できません (${err.code ?? err.message})`,
                en: `cannot reach the API server ${this.server} of context "${this.context}" (${err.code ?? err.message})`,
              },
              DOCTOR_THEN_UP,
            ),
          );
        });
        req.end();
      });
    } finally {
      deadline.clear();
    }
  }

  async getJson<T>(path: string, query: Record<string, string | undefined> = {}, opts: RequestOptions = {}): Promise<T | undefined> {
    const res = await this.request(path, query, opts);
    if (res.status === 404) return undefined;
    if (res.status < 200 || res.status > 299) throw new ApiError(res.status, path, res.body);
    return JSON.parse(res.body) as T;
  }

  /** The resource behind a kubectl-style name; asks the API's discovery for names not in the table (CRDs). */
  async resolve(name: string, opts: RequestOptions = {}): Promise<ResourceInfo> {
    const known = resourceFor(name);
    if (known) return known;
    const key = name.toLowerCase();
    if (!this.discovered.has(key) && !this.discoveryDone) await this.discover(opts);
    const found = this.discovered.get(key);
    if (!found) {
      throw new TextError({
        ja: `クラスタにリソースの種類 "${name}" がありません (kubectl api-resources で一覧できます)`,
        en: `the cluster has no resource type "${name}" (kubectl api-resources lists what it has)`,
      });
    }
    return found;
  }

  async resolveObject(obj: Pick<KubeObject, 'apiVersion' | 'kind'>, opts: RequestOptions = {}): Promise<ResourceInfo> {
    const known = resourceForObject(obj.apiVersion, obj.kind);
    if (known) return known;
    const { group, version } = splitApiVersion(obj.apiVersion);
    const list = await this.getJson<ApiResourceList>(group ? `/apis/${group}/${version}` : `/api/${version}`, {}, opts);
    const r = list?.resources.find((x) => x.kind === obj.kind && !x.name.includes('/'));
    if (!r) {
      throw new TextError({
        ja: `クラスタは ${obj.apiVersion} の ${obj.kind} を扱っていません (CRD は入っていますか?)`,
        en: `the cluster does not serve ${obj.kind} in ${obj.apiVersion} (is its CRD installed?)`,
      });
    }
    return { group, version, plural: r.name, kind: r.kind, namespaced: r.namespaced };
  }

  private async discover(opts: RequestOptions): Promise<void> {
    const add = (group: string, version: string, list: ApiResourceList | undefined) => {
      for (const r of list?.resources ?? []) {
        if (r.name.includes('/')) continue;
        const info: ResourceInfo = { group, version, plural: r.name, kind: r.kind, namespaced: r.namespaced };
        const names = [r.name, r.singularName || r.kind.toLowerCase(), r.kind.toLowerCase(), ...(r.shortNames ?? [])];
        for (const n of names) {
          if (!this.discovered.has(n)) this.discovered.set(n, info);
          if (group) this.discovered.set(`${n}.${group}`, info);
        }
      }
    };
    add('', 'v1', await this.getJson<ApiResourceList>('/api/v1', {}, opts));
    const groups = await this.getJson<{ groups: { name: string; preferredVersion?: { version: string }; versions: { version: string }[] }[] }>(
      '/apis',
      {},
      opts,
    );
    for (const g of groups?.groups ?? []) {
      const version = g.preferredVersion?.version ?? g.versions[0]?.version;
      if (!version) continue;
      add(g.name, version, await this.getJson<ApiResourceList>(`/apis/${g.name}/${version}`, {}, opts));
    }
    this.discoveryDone = true;
  }

  async getObject(r: ResourceInfo, namespace: string | undefined, name: string, opts: RequestOptions = {}): Promise<KubeObject | undefined> {
    return this.getJson<KubeObject>(resourcePath(r, namespace, name), {}, opts);
  }

  /** LIST; an absent namespace or a resource type the cluster does not serve gives no items. */
  async list(
    r: ResourceInfo,
    namespace: string | undefined,
    selectors: { labelSelector?: string; fieldSelector?: string } = {},
    opts: RequestOptions = {},
  ): Promise<ListResult> {
    const body = await this.getJson<{ metadata?: { resourceVersion?: string }; items?: KubeObject[] }>(resourcePath(r, namespace), selectors, opts);
    // A LIST answers items without apiVersion/kind; put them back so objects look like `kubectl get -o json`.
    const items = (body?.items ?? []).map((o) => ({ ...o, apiVersion: o.apiVersion ?? apiVersionOf(r), kind: o.kind ?? r.kind }));
    return { items, resourceVersion: body?.metadata?.resourceVersion ?? '' };
  }

  /** The last lines a container printed (`kubectl logs --tail`); undefined when there are none. */
  async logs(namespace: string, pod: string, container: string, opts: { tailLines: number; previous: boolean } & RequestOptions): Promise<string | undefined> {
    const res = await this.request(
      `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`,
      { container, tailLines: String(opts.tailLines), previous: opts.previous ? 'true' : undefined },
      opts,
    );
    return res.status === 200 ? res.body : undefined;
  }

  /**
   * WATCH a collection from `resourceVersion`; `onEvent` gets each event, `onDone` is called once
   * when the stream ends (null: closed; an Error: failed, e.g. 410 Gone or a reset connection).
   * Resolves at once with the controller that stops the watch, before the server has answered:
   * client-node's Watch resolves only after the answer's headers and takes no signal, so a server
   * that accepts and stays silent would leave a connection no deadline could close.
   */
  async watch(
    r: ResourceInfo,
    namespace: string | undefined,
    query: { labelSelector?: string; fieldSelector?: string; resourceVersion?: string },
    onEvent: (type: WatchEventType, obj: KubeObject) => void,
    onDone: (err: unknown) => void,
  ): Promise<AbortController> {
    const url = new URL(this.server + resourcePath(r, namespace));
    for (const [k, v] of Object.entries({ ...query, watch: 'true', allowWatchBookmarks: 'true' })) if (v !== undefined) url.searchParams.set(k, v);
    const controller = new AbortController();
    // A watch holds its connection for long: its own connection, not one of the keep-alive pool.
    const reqOpts: https.RequestOptions = { method: 'GET', headers: { Accept: 'application/json', Connection: 'close' }, signal: controller.signal };
    await this.kc.applyToHTTPSOptions(reqOpts);
    let done = false;
    const finish = (err: unknown) => {
      if (done) return;
      done = true;
      controller.abort();
      onDone(err);
    };
    if (controller.signal.aborted) return controller;
    const lib = url.protocol === 'http:' ? http : https;
    const req = lib.request(url, reqOpts, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return finish(Object.assign(new Error(`${res.statusCode} ${http.STATUS_CODES[res.statusCode ?? 0] ?? ''}`.trim()), { statusCode: res.statusCode }));
      }
      let pending = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        pending += chunk;
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          if (!line.trim()) continue;
          try {
            const event = JSON.parse(line) as { type: WatchEventType; object: KubeObject };
            onEvent(event.type, event.object);
          } catch {
            // a line that is not JSON is not an event
          }
        }
      });
      res.on('end', () => finish(null));
      res.on('close', () => finish(null));
      res.on('error', (err) => finish(controller.signal.aborted ? null : err));
    });
    req.on('error', (err) => finish(controller.signal.aborted ? null : err));
    req.end();
    return controller;
  }
}

interface ApiResourceList {
  resources: { name: string; singularName?: string; kind: string; namespaced: boolean; shortNames?: string[] }[];
}
