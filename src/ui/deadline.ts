// What a wait that ran out of time shows: the facts gathered (Pod states, events) and the hints,
// in the learner's language. Used wherever a DeadlineExceeded reaches the user.
import type { DeadlineExceeded } from '../cluster/port.js';
import type { Lang, Text } from '../lab/text.js';

export function deadlineLines(error: DeadlineExceeded, lang: Lang, tryLabel: string): string[] {
  const detail = error as DeadlineExceeded & { facts?: string[]; hints?: Text[] };
  return [...(detail.facts ?? error.diagnosis), ...(detail.hints ?? []).map((hint) => `${tryLabel}: ${hint[lang]}`)];
}
