// IPv4 arithmetic for the map, enough to tell which node's block a route or Pod IP belongs to:
// an address as a number, whether a CIDR holds an address, and whether a route is a host route.
// Pure.

/** `10.244.1.5` as a number, or undefined when it is not a dotted IPv4 address. */
export const toInt = (ip: string): number | undefined => {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
};

/** Is `ip` inside `cidr` (`10.244.1.0/24`)? A bare address is a /32. */
export function cidrContains(cidr: string, ip: string): boolean {
  const [base, bits = '32'] = cidr.split('/');
  const b = toInt(base ?? '');
  const a = toInt(ip.split('/')[0] ?? '');
  const prefix = Number(bits);
  if (b === undefined || a === undefined || !(prefix >= 0 && prefix <= 32)) return false;
  const size = 2 ** (32 - prefix);
  return Math.floor(a / size) === Math.floor(b / size);
}

/** A route to one address: no prefix, or /32. */
export const isHostRoute = (dst: string) => !dst.includes('/') || dst.endsWith('/32');
