// JSON files written atomically (temp file in the same folder, fsync, rename): a crash or Ctrl-C
// leaves either the old file or the new one, never half of one. A damaged file is set aside under
// a name the user is told; what can be read of it is kept. A file kindlab cannot set aside (a
// read-only folder) is left exactly as it is and never written over.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Text } from '../lessons/text.js';

export async function writeJsonAtomic(file: string, data: unknown): Promise<void> {
  await writeTextAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
}

/** Any text file, written the same way (the map's HTML page is one). */
export async function writeTextAtomic(file: string, text: string, mode = 0o600): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** What a file-system error means to a user, in words rather than an errno. */
export function fsReason(error: unknown): Text {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return { ja: '権限がありません', en: 'no permission' };
  if (code === 'EROFS') return { ja: '読み取り専用のファイルシステムです', en: 'read-only file system' };
  if (code === 'ENOSPC' || code === 'EDQUOT') return { ja: 'ディスクに空きがありません', en: 'no space left' };
  if (code === 'EISDIR') return { ja: 'ファイルではなくフォルダです', en: 'it is a folder, not a file' };
  if (code === 'ENOTDIR') return { ja: '途中のパスがフォルダではありません', en: 'a part of the path is not a folder' };
  const message = (error as Error)?.message ?? String(error);
  return { ja: message, en: message };
}

/**
 * A schema check that keeps what it can: `undefined` when nothing is usable, else the usable part and what was dropped.
 * It may be async, so a check can load its schema library only when a file is there to check.
 */
export type Salvage<T> = (data: unknown) => Salvaged<T> | Promise<Salvaged<T>>;
type Salvaged<T> = { data: T; dropped: string[] } | undefined;

export type ReadJson<T> =
  | { status: 'ok'; data: T }
  | { status: 'missing' }
  /**
   * Not (all) usable: `data` is what could be kept (possibly empty). The original went to
   * `setAsideAs`; when that failed (`setAsideFailed`), it is still in place and must not be written over.
   */
  | { status: 'damaged'; data?: T; dropped: string[]; reason: Text; setAsideAs?: string; setAsideFailed?: Text }
  /** It exists but cannot be read (permissions): left alone, and must not be written over. */
  | { status: 'unreadable'; reason: Text };

export async function readJson<T>(file: string, salvage: Salvage<T>, now: () => Date = () => new Date()): Promise<ReadJson<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { status: 'missing' };
    if (code !== 'EISDIR') return { status: 'unreadable', reason: fsReason(error) };
    return setAside(file, { dropped: [], reason: fsReason(error) }, now);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    return setAside(file, { dropped: [], reason: { ja: message, en: message } }, now);
  }
  const kept = await salvage(parsed);
  if (kept && kept.dropped.length === 0) return { status: 'ok', data: kept.data };
  const damaged = await setAside(file, { data: kept?.data, dropped: kept?.dropped ?? [], reason: { ja: '想定外の内容', en: 'unexpected content' } }, now);
  // What could be kept is written back at once, so the next command finds it and says nothing.
  if (kept && damaged.status === 'damaged' && damaged.setAsideAs) await writeJsonAtomic(file, kept.data).catch(() => undefined);
  return damaged;
}

async function setAside<T>(file: string, found: { data?: T; dropped: string[]; reason: Text }, now: () => Date): Promise<ReadJson<T>> {
  const setAsideAs = `${file}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(file, setAsideAs);
    return { status: 'damaged', ...found, setAsideAs };
  } catch (error) {
    return { status: 'damaged', ...found, setAsideFailed: fsReason(error) };
  }
}
