// Reads /etc/resolv.conf as the C library does (resolv.conf(5)): nameservers, the search list
// (the last `search`/`domain` line wins) and options such as ndots:5, which a Pod's kubelet writes.

export interface ResolvConfResult {
  format: 'resolv';
  parsed: boolean;
  nameservers: string[];
  search: string[];
  /** Options in order, `ndots:5` as { name: 'ndots', value: '5' }. */
  options: { name: string; value?: string }[];
  /** ndots from options; the resolver's default is 1 when absent. */
  ndots?: number;
  timeout?: number;
  attempts?: number;
  raw: string;
}

export function parseResolvConf(text: string): ResolvConfResult {
  const raw = String(text ?? '');
  const result: ResolvConfResult = { format: 'resolv', parsed: false, nameservers: [], search: [], options: [], raw };
  for (const rawLine of raw.split(/\r?\n/)) {
    const line = rawLine.replace(/[#;].*$/, '').trim();
    if (!line) continue;
    const [keyword, ...words] = line.split(/\s+/);
    switch (keyword) {
      case 'nameserver':
        if (words[0]) result.nameservers.push(words[0]);
        result.parsed = true;
        break;
      case 'search':
      case 'domain':
        result.search = words.map((w) => (w.endsWith('.') && w.length > 1 ? w.slice(0, -1) : w));
        result.parsed = true;
        break;
      case 'options':
        for (const word of words) {
          const [name, value] = word.split(':', 2) as [string, string | undefined];
          result.options.push(value === undefined ? { name } : { name, value });
          const n = Number(value);
          if (value !== undefined && Number.isInteger(n)) {
            if (name === 'ndots') result.ndots = n;
            if (name === 'timeout') result.timeout = n;
            if (name === 'attempts') result.attempts = n;
          }
        }
        result.parsed = true;
        break;
      default:
        break;
    }
  }
  return result;
}
