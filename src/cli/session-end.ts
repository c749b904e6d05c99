// How a guided run ended, told to the learner with the next thing to type.
import type { SessionEnd } from '../engine/session.js';
import type { Lesson } from '../lessons/model.js';
import { lessonDirs } from '../lessons/load.js';
import { DeadlineExceeded } from '../cluster/index.js';
import { deadlineLines } from '../ui/deadline.js';
import { errorText } from '../ui/error-text.js';
import { fill, messages } from '../ui/messages.js';
import type { App } from './app.js';
import { EXIT } from './command.js';
import path from 'node:path';

export async function reportSessionEnd(app: App, lesson: Lesson, end: SessionEnd): Promise<number> {
  app.out.event('end', { lesson: lesson.id, ...end, error: end.kind === 'failed' && end.error ? String((end.error as Error).message) : undefined });
  if (end.kind === 'completed') {
    const ids = (await lessonDirs(app.labsDir)).map((d) => path.basename(d));
    const next = ids[ids.indexOf(lesson.id) + 1];
    app.out.line();
    app.out.line(
      app.out.style('green', fill(app.out.t(next ? messages.lessonDone : messages.lessonDoneLast), { lesson: lesson.id, next: next?.slice(0, 2) ?? '' })),
    );
    return EXIT.ok;
  }
  if (end.kind === 'paused') {
    const text = end.reason === 'challenge' ? messages.challengeOpen : messages.stoppedBefore;
    app.out.line(fill(app.out.t(text), { lesson: lesson.number, step: end.at }));
    return EXIT.ok;
  }
  if (end.reason === 'action') {
    const error = end.error as Error;
    const message = errorText(error, app.lang);
    app.out.error(fill(app.out.t(messages.stepFailedAction), { step: end.at, message }));
    if (error instanceof DeadlineExceeded) for (const line of deadlineLines(error, app.lang, app.out.t(messages.tryThis))) app.out.line(`  ${line}`);
  }
  app.out.line(app.out.style('dim', `kindlab check ${lesson.number} ${end.at}   |   kindlab hint   |   kindlab reset ${lesson.number}`));
  return EXIT.checkFailed;
}
