// What a wait that ran out of time shows: the facts gathered (Pod states, events) and the hints,
// in the learner's language. Used wherever a DeadlineExceeded reaches the user.
import type { DeadlineExceeded } from '../cluster/port.js';
import type { Lang, Text } from '../core/text.js';

export function deadlineLines(error: DeadlineExceeded, lang: Lang, tryLabel: string): string[] {
  // WaitTimedOut (the kind adapter) keeps its facts and hints in both languages; other waits have plain facts.
  const detail = error as DeadlineExceeded & { facts?: Text[]; hints?: Text[] };
  return [...(detail.facts?.map((fact) => fact[lang]) ?? error.diagnosis), ...(detail.hints ?? []).map((hint) => `${tryLabel}: ${hint[lang]}`)];
}
