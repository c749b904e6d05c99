// What a wait that ran out of time shows: the facts gathered (Pod states, events) and the hints,
// in the learner's language: its evidence (core/errors.ts). Used wherever a DeadlineExceeded reaches the user.
import type { DeadlineExceeded } from '../cluster/port.js';
import type { Lang } from '../core/text.js';

export function deadlineLines(error: DeadlineExceeded, lang: Lang, tryLabel: string): string[] {
  const { facts = [], hints = [] } = error.evidence;
  return [...facts.map((fact) => fact[lang]), ...hints.map((hint) => `${tryLabel}: ${hint[lang]}`)];
}
