// Registry of every expectation kind a lesson may use. Add a kind by appending its module's list.
import type { ExpectationKind } from '../expectation-kind.js';
import { genericKinds } from './generic.js';

export const allKinds: ExpectationKind<any>[] = [...genericKinds];

export function kindByKey(key: string): ExpectationKind<any> | undefined {
  return allKinds.find((kind) => kind.key === key);
}
