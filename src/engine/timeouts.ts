// How long the engine waits for each kind of cluster call when the lesson names no time of its own.
export const timeouts = {
  applyMs: 60_000,
  waitMs: 120_000,
  execMs: 15_000,
  readMs: 10_000,
  eventuallyMs: 30_000,
  deleteLessonMs: 180_000,
  addonMs: 300_000,
};
