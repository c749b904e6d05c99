// A lesson named on the command line found among loaded lessons or lesson folders.

/** Finds a lesson by number (`3`, `03`), slug (`service-clusterip`) or id (`03-service-clusterip`). */
export function findLesson<T extends { id: string; number: string; slug: string }>(lessons: T[], name: string): T | undefined {
  const wanted = name.trim().toLowerCase();
  const asNumber = /^\d{1,2}$/.test(wanted) ? wanted.padStart(2, '0') : undefined;
  return lessons.find((l) => l.id === wanted || l.slug === wanted || l.number === asNumber);
}
