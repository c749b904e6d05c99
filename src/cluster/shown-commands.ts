// The kubectl/docker command each port call stands for. The dry run prints these; the adapter
// shows them beside each action; the learner can type them. Pure: no cluster needed.
import type { ExecTarget, ObjectRef, WaitSpec } from './port.js';

export const quoteForDisplay = (arg: string) => (/^[A-Za-z0-9_@%+=:,./{}-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`);
export const displayCommand = (argv: string[]) => argv.map(quoteForDisplay).join(' ');

const nsArgs = (namespace?: string) => (namespace ? ['-n', namespace] : []);
const refArg = (ref: ObjectRef) => (ref.name ? [`${ref.kind}/${ref.name}`] : [ref.kind, ...(ref.selector ? ['-l', ref.selector] : [])]);

export const shown = {
  apply: (file: string, namespace?: string) => ['kubectl', 'apply', ...nsArgs(namespace), '-f', file],
  delete: (file: string, namespace?: string) => ['kubectl', 'delete', ...nsArgs(namespace), '--ignore-not-found', '-f', file],
  scale: (ref: ObjectRef, replicas: number) => ['kubectl', 'scale', ...nsArgs(ref.namespace), ...refArg(ref), `--replicas=${replicas}`],
  wait(spec: WaitSpec): string[] {
    const timeout = `--timeout=${Math.round(spec.timeoutMs / 1000)}s`;
    const target = [...nsArgs(spec.ref.namespace), ...refArg(spec.ref)];
    switch (spec.condition) {
      case 'Deleted': return ['kubectl', 'wait', '--for=delete', ...target, timeout];
      case 'Exists': return ['kubectl', 'wait', '--for=create', ...target, timeout];
      case 'Available': return ['kubectl', 'wait', '--for=condition=Available', ...target, timeout];
      case 'Complete': return ['kubectl', 'wait', '--for=condition=Complete', ...target, timeout];
      case 'Ready': return ['kubectl', 'wait', '--for=condition=Ready', ...target, timeout];
    }
  },
  read: (ref: ObjectRef, path: string) => ['kubectl', 'get', ...nsArgs(ref.namespace), ...refArg(ref), '-o', `jsonpath={${path}}`],
  exec(target: ExecTarget, argv: string[]): string[] {
    if ('node' in target) return ['docker', 'exec', target.node, ...argv];
    return ['kubectl', 'exec', '-n', target.namespace, target.pod, ...(target.container ? ['-c', target.container] : []), '--', ...argv];
  },
};
