// Reads iproute2 output: `ip route` / `ip -j route`, `ip route get` (same line form), and
// `ip addr` / `ip -j addr`. Field names follow iproute2's own JSON (`gateway`, `prefsrc`...), so
// the text and JSON forms give the same typed result. Routes are read in ip-route.ts, addresses
// in ip-addr.ts; this file is the door the rest of kindlab imports.
export { parseIpRoute, type IpRoute, type IpRouteResult } from './ip-route.js';
export { parseIpAddr, type IpAddress, type IpAddrResult, type IpInterface } from './ip-addr.js';
