// Reads a lesson's own files, refusing anything that is not a regular file. The file is opened
// with O_NONBLOCK and checked with fstat on the same descriptor, so a FIFO is neither waited on
// (opening one blocks until a writer comes, and no signal ends that wait) nor swapped in between.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { KindlabError } from '../core/errors.js';
import type { Text } from '../core/text.js';

export class NotRegularFile extends KindlabError {
  constructor(
    readonly file: string,
    readonly what: Text,
  ) {
    super(`${file} is ${what.en}, not a regular file`);
    this.name = 'NotRegularFile';
  }
}

const KINDS: Array<[keyof import('node:fs').Stats, Text]> = [
  ['isDirectory', { ja: 'フォルダ', en: 'a folder' }],
  ['isFIFO', { ja: '名前付きパイプ (FIFO)', en: 'a named pipe (FIFO)' }],
  ['isSocket', { ja: 'ソケット', en: 'a socket' }],
  ['isCharacterDevice', { ja: 'デバイス', en: 'a device' }],
  ['isBlockDevice', { ja: 'デバイス', en: 'a device' }],
];

export async function readRegularFile(file: string): Promise<string> {
  return (await readRegularBytes(file)).toString('utf8');
}

export async function readRegularBytes(file: string): Promise<Buffer> {
  const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      const what = KINDS.find(([test]) => (stats[test] as () => boolean).call(stats))?.[1] ?? { ja: '通常のファイル以外', en: 'not a regular file' };
      throw new NotRegularFile(file, what);
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
