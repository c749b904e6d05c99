// The pictures a learner's own run drew (lesson field `diagram`), kept per cluster, lesson and step
// so `kindlab report --format html` can show them. One JSON file beside progress, written
// atomically; entries that do not fit are set aside (json-file.ts), never guessed at.
import path from 'node:path';
import type { StepDiagram } from '../engine/diagram/step-diagram.js';
import { readJson, writeJsonAtomic, type Salvage } from './json-file.js';
import { stateDir } from '../core/paths.js';

export interface SavedPicture {
  at: string;
  diagram: StepDiagram;
}

/** cluster → lesson → step → the last picture drawn there. */
export type Pictures = Record<string, Record<string, Record<string, SavedPicture>>>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPicture = (v: unknown): v is SavedPicture =>
  isObject(v) &&
  typeof v.at === 'string' &&
  isObject(v.diagram) &&
  (v.diagram.kind === 'podPath' ||
    v.diagram.kind === 'serviceChain' ||
    v.diagram.kind === 'dnsSearch' ||
    v.diagram.kind === 'flows' ||
    v.diagram.kind === 'split' ||
    v.diagram.kind === 'sourceSeen') &&
  Array.isArray(v.diagram.commands);

const salvage: Salvage<Pictures> = (data) => {
  if (!isObject(data)) return undefined;
  const kept: Pictures = {};
  const dropped: string[] = [];
  for (const [cluster, lessons] of Object.entries(data)) {
    if (!isObject(lessons)) {
      dropped.push(cluster);
      continue;
    }
    for (const [lesson, steps] of Object.entries(lessons)) {
      if (!isObject(steps)) {
        dropped.push(`${cluster}/${lesson}`);
        continue;
      }
      for (const [step, picture] of Object.entries(steps)) {
        if (isPicture(picture)) ((kept[cluster] ??= {})[lesson] ??= {})[step] = picture;
        else dropped.push(`${cluster}/${lesson}/${step}`);
      }
    }
  }
  return { data: kept, dropped };
};

export class PictureStore {
  readonly file: string;
  constructor(env: NodeJS.ProcessEnv, file?: string) {
    this.file = file ?? path.join(stateDir(env), 'pictures.json');
  }

  async load(): Promise<Pictures> {
    const read = await readJson(this.file, salvage);
    return read.status === 'ok' ? read.data : read.status === 'damaged' ? (read.data ?? {}) : {};
  }

  async save(cluster: string, lesson: string, step: string, diagram: StepDiagram, at = new Date()): Promise<void> {
    const read = await readJson(this.file, salvage);
    // A file kindlab could not read or set aside is left as it is: the picture is not kept.
    if (read.status === 'unreadable' || (read.status === 'damaged' && read.setAsideFailed)) return;
    const pictures = read.status === 'ok' ? read.data : read.status === 'damaged' ? (read.data ?? {}) : {};
    ((pictures[cluster] ??= {})[lesson] ??= {})[step] = { at: at.toISOString(), diagram };
    await writeJsonAtomic(this.file, pictures);
  }
}
