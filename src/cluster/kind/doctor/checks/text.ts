// Small text pieces several checks share: a `# note` line under a fix command, sizes in GiB, a tool's version or absence in the learner's words.
import type { Text } from '../../../../core/text.js';
import type { DoctorText } from '../types.js';

/** A `# note` on the fix command above it. */
export const note = (ja: string, en: string): Text => ({ ja: `# ${ja}`, en: `# ${en}` });

export const GiB = (b: number) => `${(b / 1024 ** 3).toFixed(1)} GiB`;

/** The shell's words for a missing tool, in the learner's language; any other error is the tool's own. */
export const notFound = (tool: string, error: DoctorText | undefined): DoctorText =>
  error === undefined || error === `${tool}: command not found`
    ? { ja: `${tool} が見つかりません (PATH にありません)`, en: `${tool}: command not found` }
    : error;

/** What a tool check observed: the tool's version, an unreadable version, or the tool missing. */
export const toolObserved = (tool: string, fact: { found: boolean; version?: string; error?: DoctorText }): DoctorText =>
  !fact.found
    ? notFound(tool, fact.error)
    : fact.version
      ? `${tool} ${fact.version}`
      : { ja: `${tool} (バージョンを読めません)`, en: `${tool} (version unreadable)` };

/** The machine's CPU as the pinned downloads name it. */
export const downloadArch = (facts: { arch: string }): 'amd64' | 'arm64' => (facts.arch === 'arm64' ? 'arm64' : 'amd64');
