// Registry of every expectation kind a lesson may use. Add a kind by appending its module's list.
import type { ExpectationKind } from './expectation-kind.js';
import { dnsKinds } from './dns.js';
import { encapKinds } from './encap.js';
import { genericKinds } from './generic.js';
import { httpKinds } from './http.js';
import { iptablesKinds } from './iptables.js';
import { resolvKinds } from './resolv.js';
import { routeKinds } from './route.js';

// The registry holds kinds with different parameter types; each kind checks its own with `params`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const allKinds: ExpectationKind<any>[] = [...genericKinds, ...dnsKinds, ...httpKinds, ...iptablesKinds, ...routeKinds, ...resolvKinds, ...encapKinds];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function kindByKey(key: string): ExpectationKind<any> | undefined {
  return allKinds.find((kind) => kind.key === key);
}
