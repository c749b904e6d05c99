// JSON files written atomically (temp file in the same folder, fsync, rename): a crash or Ctrl-C
// leaves either the old file or the new one, never half of one. A corrupt file is set aside.
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export async function writeJsonAtomic(file: string, data: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`);
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

export type ReadJson<T> =
  | { status: 'ok'; data: T }
  | { status: 'missing' }
  /** The file could not be read as JSON of the right shape; it was renamed to `setAsideAs`. */
  | { status: 'corrupt'; setAsideAs: string; reason: string };

export async function readJson<T>(file: string, isValid: (data: unknown) => data is T): Promise<ReadJson<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    throw error;
  }
  let reason: string;
  try {
    const data: unknown = JSON.parse(text);
    if (isValid(data)) return { status: 'ok', data };
    reason = 'unexpected content';
  } catch (error) {
    reason = (error as Error).message;
  }
  const setAsideAs = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, setAsideAs);
  return { status: 'corrupt', setAsideAs, reason };
}
