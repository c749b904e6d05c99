// A FAKE image registry: the read side of the Docker Registry HTTP API v2 (GET /v2/, manifests by
// tag or digest, blobs), serving one-layer images made from the test root file system. No real
// registry is reachable here, and the engine pulls from 127.0.0.1 over plain HTTP (loopback is an
// insecure registry by default), so the real engine's `docker pull`, and the digests it records,
// can be tested. Only pulling is served; what the engine does with the image is the engine's.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface ServedImage {
  /** `127.0.0.1:PORT/<repository>` */
  name: string;
  tag: string;
  /** The manifest's digest, as `docker pull` prints it and records in RepoDigests. */
  digest: string;
}

export class FakeRegistry {
  private readonly blobs = new Map<string, { body: Buffer; type: string }>();
  private readonly manifests = new Map<string, Buffer>(); // `${repo}:${tag}` and `${repo}@${digest}`
  private server: Server | undefined;
  host = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const url = req.url ?? '';
      if (url === '/v2/' || url === '/v2') {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Docker-Distribution-API-Version': 'registry/2.0' });
        return res.end('{}');
      }
      const m = /^\/v2\/(.+)\/(manifests|blobs)\/([^/]+)$/.exec(url);
      const send = (body: Buffer, headers: Record<string, string>) => {
        res.writeHead(200, { 'Content-Length': String(body.length), 'Docker-Distribution-API-Version': 'registry/2.0', ...headers });
        res.end(req.method === 'HEAD' ? undefined : body);
      };
      if (m && m[2] === 'manifests') {
        const ref = m[3]!;
        const body = this.manifests.get(ref.startsWith('sha256:') ? `${m[1]}@${ref}` : `${m[1]}:${ref}`);
        if (body) return send(body, { 'Content-Type': MANIFEST_V2, 'Docker-Content-Digest': sha256(body) });
      }
      if (m && m[2] === 'blobs') {
        const blob = this.blobs.get(m[3]!);
        if (blob) return send(blob.body, { 'Content-Type': blob.type, 'Docker-Content-Digest': m[3]! });
      }
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: `fake registry: nothing at ${url}` }] }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Serves the uncompressed root file system tar as `<repository>:<tag>`, a one-layer image that runs `cmd`. */
  add(repository: string, tag: string, rootfsTar: string, cmd: string[]): ServedImage {
    const tar = readFileSync(rootfsTar);
    const layer = gzipSync(tar);
    const config = Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        created: '1970-01-01T00:00:00Z',
        config: { Cmd: cmd, Labels: { 'kindlab-test.served-as': `${repository}:${tag}` } },
        rootfs: { type: 'layers', diff_ids: [sha256(tar)] },
        history: [{ created: '1970-01-01T00:00:00Z', created_by: 'kindlab test fake registry' }],
      }),
    );
    this.blobs.set(sha256(layer), { body: layer, type: 'application/vnd.docker.image.rootfs.diff.tar.gzip' });
    this.blobs.set(sha256(config), { body: config, type: 'application/vnd.docker.container.image.v1+json' });
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MANIFEST_V2,
        config: { mediaType: 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha256(config) },
        layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: sha256(layer) }],
      }),
    );
    const digest = sha256(manifest);
    this.manifests.set(`${repository}:${tag}`, manifest);
    this.manifests.set(`${repository}@${digest}`, manifest);
    return { name: `${this.host}/${repository}`, tag, digest };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
