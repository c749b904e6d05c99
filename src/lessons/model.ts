// A lesson as the engine uses it: the validated file plus where it lives and its parsed manifests.
import type { KubeObject } from '../core/kube-object.js';
import type { LessonFile } from './schema.js';

export interface Lesson extends LessonFile {
  /** Absolute path of the lesson folder. */
  dir: string;
  /** lesson.yaml as shown in messages (relative to the working directory). */
  file: string;
  /** `03` */
  number: string;
  /** `service-clusterip` */
  slug: string;
  /** Manifest path (as written in the lesson) → its objects, parsed at load time. */
  manifests: Map<string, KubeObject[]>;
}

export type Step = Lesson['steps'][number];
