// Every write kindlab makes goes to the lab's own kind context. The guard runs before any
// process starts, so a wrong context costs nothing: no kubectl, no docker, no API call.
import { contextForCluster } from '../context-name.js';
import { WrongContext } from '../port.js';

export interface ContextChoice {
  clusterName: string;
  context: string;
  /** Set only when the user named another context explicitly (`--context NAME`). */
  allowOtherContext?: boolean;
}

/** Throws WrongContext unless writes may go to `choice.context`. */
export function assertWritableContext(choice: ContextChoice): void {
  const expected = contextForCluster(choice.clusterName);
  if (choice.context === expected) return;
  if (choice.allowOtherContext === true) return;
  throw new WrongContext(choice.context, expected);
}

/** kubectl's global flags that pin a call to the lab's context (and kubeconfig, when given). */
export function kubectlTargetArgs(context: string, kubeconfig?: string): string[] {
  return [...(kubeconfig ? ['--kubeconfig', kubeconfig] : []), '--context', context];
}
