// Download a pinned file and keep it only if its sha256 is the pinned one. The bytes go to a
// temporary file beside the destination and are renamed into place only after the check, so a
// reader never sees a half-written or unverified file, and a mismatch leaves nothing behind.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { startDeadline } from '../deadline.js';
import { SetupProblem } from './problem.js';

export interface DownloadOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  /** File mode after the check: 0o755 for programs, 0o644 for manifests. */
  mode: number;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function checksumUnknown(url: string): SetupProblem {
  return new SetupProblem(
    'checksum-unknown',
    { ja: `${url} の sha256 が固定されていないため、ダウンロードしません`, en: `No pinned sha256 for ${url}, so kindlab will not download it` },
    { ja: '固定した sha256', en: 'a pinned sha256' },
    { ja: '記録がありません', en: 'none recorded' },
    {
      ja: 'メンテナーが scripts/pin-addons.mjs を実行して値を記録するまで、手動でインストールしてください。',
      en: 'Install it by hand until a maintainer records the value with scripts/pin-addons.mjs.',
    },
  );
}

export function checksumMismatch(what: string, expected: string, observed: string): SetupProblem {
  return new SetupProblem(
    'checksum-mismatch',
    { ja: `${what} の sha256 が固定値と一致しません`, en: `The sha256 of ${what} does not match the pinned value` },
    expected,
    observed,
    {
      ja: 'ファイルは保存していません。ネットワーク（プロキシ）を確認し、もう一度試してください。繰り返す場合は報告してください。',
      en: 'Nothing was kept. Check your network or proxy and try again; if it repeats, please report it.',
    },
  );
}

/** Downloads url to dest if and only if its sha256 equals expectedSha256. Returns the sha256. */
export async function downloadVerified(url: string, expectedSha256: string | null, dest: string, opts: DownloadOptions): Promise<string> {
  if (!expectedSha256) throw checksumUnknown(url);
  await mkdir(dirname(dest), { recursive: true });
  const temp = join(dirname(dest), `.${basename(dest)}.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
  // A timer the event loop holds (see ../deadline.ts): AbortSignal.any's sources can be collected on Node 20.
  const deadline = startDeadline(opts.timeoutMs, opts.signal);
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: deadline.signal, redirect: 'follow' });
    } catch (err) {
      throw new SetupProblem(
        'download-failed',
        { ja: `${url} をダウンロードできません`, en: `Cannot download ${url}` },
        { ja: 'HTTP 200 の応答', en: 'an HTTP 200 answer' },
        err instanceof Error ? err.message : String(err),
        { ja: 'ネットワーク接続とプロキシ設定を確認してください。', en: 'Check the network connection and proxy settings.' },
      );
    }
    if (!response.ok || !response.body) {
      throw new SetupProblem(
        'download-failed',
        { ja: `${url} をダウンロードできません`, en: `Cannot download ${url}` },
        'HTTP 200',
        `HTTP ${response.status}`,
        { ja: 'URL が正しいか、ネットワークが使えるか確認してください。', en: 'Check that the URL is right and the network is reachable.' },
      );
    }
    const hash = createHash('sha256');
    const file = await open(temp, 'wx', 0o600);
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        await file.write(chunk);
      }
      await file.sync();
    } finally {
      await file.close();
    }
    const actual = hash.digest('hex');
    if (actual !== expectedSha256.toLowerCase()) throw checksumMismatch(url, expectedSha256, actual);
    await chmod(temp, opts.mode);
    await rename(temp, dest);
    return actual;
  } finally {
    deadline.clear();
    await rm(temp, { force: true });
  }
}
