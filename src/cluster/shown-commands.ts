// The kubectl/docker command each port call stands for. The dry run prints these; the adapter
// shows them beside each action; the learner can type them. Pure: no cluster needed.
// A shown command, typed as is in the repo folder, does what kindlab did, on the lab cluster
// whatever the kubeconfig's current context: it names the lab's context and carries the same
// flags as the command kindlab runs (the write flags below are the adapter's own).
import { LESSON_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, type ExecTarget, type ObjectRef, type WaitSpec } from './port.js';

export const quoteForDisplay = (arg: string) => (/^[A-Za-z0-9_@%+=:,./{}-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
export const displayCommand = (argv: string[]) => argv.map(quoteForDisplay).join(' ');

/**
 * kubectl's server-side apply as kindlab runs it. --force-conflicts: a lesson's apply sets the
 * state the lesson declares, even where a step or the learner changed a field since (e.g.
 * `kubectl scale` owns .spec.replicas).
 */
export const APPLY_ARGS = ['apply', '--server-side', '--field-manager=kindlab', '--force-conflicts'] as const;
/** kubectl delete as kindlab runs it (kindlab then waits with a deadline of its own). */
export const DELETE_ARGS = ['delete', '--ignore-not-found', '--wait=false'] as const;

export const nsArgs = (namespace?: string) => (namespace ? ['-n', namespace] : []);
export const refArgs = (ref: ObjectRef) => (ref.name ? [`${ref.kind}/${ref.name}`] : [ref.kind, ...(ref.selector ? ['-l', ref.selector] : [])]);

/** The selector that names exactly what kindlab created for one lesson. */
export const lessonSelector = (lessonId: string) => `${LESSON_LABEL}=${lessonId},${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`;

/** The commands shown for a cluster reached through `context` (e.g. `kind-kindlab`). */
export function shownCommands(context: string) {
  const kubectl = (...args: string[]) => ['kubectl', '--context', context, ...args];
  return {
    apply: (file: string, namespace?: string) => kubectl(...APPLY_ARGS, ...nsArgs(namespace), '-f', file),
    // Without --wait=false: kubectl then waits until the objects are gone, as kindlab does.
    delete: (file: string, namespace?: string) => kubectl('delete', '--ignore-not-found', ...nsArgs(namespace), '-f', file),
    createNamespace: (name: string) => kubectl('create', 'namespace', name),
    labelNamespaces: (names: string[], lessonId: string) =>
      kubectl('label', 'namespace', ...names, `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`, `${LESSON_LABEL}=${lessonId}`),
    deleteLessonNamespaces: (lessonId: string) => kubectl('delete', 'namespace', '-l', lessonSelector(lessonId), '--ignore-not-found'),
    scale: (ref: ObjectRef, replicas: number) => kubectl('scale', ...nsArgs(ref.namespace), ...refArgs(ref), `--replicas=${replicas}`),
    wait(spec: WaitSpec): string[] {
      const timeout = `--timeout=${Math.round(spec.timeoutMs / 1000)}s`;
      const target = [...nsArgs(spec.ref.namespace), ...refArgs(spec.ref)];
      switch (spec.condition) {
        case 'Deleted':
          return kubectl('wait', '--for=delete', ...target, timeout);
        case 'Exists':
          return kubectl('wait', '--for=create', ...target, timeout);
        case 'Available':
          return kubectl('wait', '--for=condition=Available', ...target, timeout);
        case 'Complete':
          return kubectl('wait', '--for=condition=Complete', ...target, timeout);
        case 'Ready':
          return kubectl('wait', '--for=condition=Ready', ...target, timeout);
      }
    },
    read: (ref: ObjectRef, path: string) => kubectl('get', ...nsArgs(ref.namespace), ...refArgs(ref), '-o', `jsonpath={${path}}`),
    exec(target: ExecTarget, argv: string[]): string[] {
      if ('node' in target) return ['docker', 'exec', target.node, ...argv];
      return kubectl(...podExecArgs(target), ...argv);
    },
  };
}

/** `exec -n NS POD [-c C] --`: what comes between kubectl's global flags and the command. */
export const podExecArgs = (target: { pod: string; namespace: string; container?: string }) => [
  'exec',
  '-n',
  target.namespace,
  target.pod,
  ...(target.container ? ['-c', target.container] : []),
  '--',
];
