// A session UI that also keeps each picture the learner's run drew, for `kindlab report --format html`.
import type { SessionUI } from '../engine/session.js';
import type { Lesson } from '../lessons/model.js';
import { PictureStore } from '../state/pictures.js';
import type { App } from './app.js';

export function keepingPictures<T extends Pick<SessionUI, 'showDiagram'>>(app: App, lesson: Lesson, ui: T): T {
  const store = new PictureStore(app.env);
  return {
    ...ui,
    async showDiagram(step, drawn) {
      await ui.showDiagram(step, drawn);
      // Keeping the picture is a convenience: a full disk must not fail a step that passed.
      if (drawn.ok)
        await store
          .save(app.clusterName, lesson.id, step.id, drawn.diagram)
          .catch((error: unknown) => app.out.warn(String((error as Error)?.message ?? error)));
    },
  };
}
