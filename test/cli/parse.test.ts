import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempHome } from './run-cli.js';

let home: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ home, cleanup } = await tempHome()));
afterEach(() => cleanup());

describe('kindlab parse (how kindlab reads an output)', () => {
  it('prints the typed view of iptables-save output as JSON', async () => {
    // The kube-proxy-shaped rules the real-tools suite loads with iptables-restore (iptables-save format).
    const run = await runCli(['parse', 'iptables', 'test/real-tools/fixtures/kube-proxy-nat.rules'], { home });
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout);
    const chainNames = JSON.stringify(parsed);
    expect(chainNames).toContain('KUBE-SERVICES');
    expect(chainNames).toContain('DNAT');
  });

  it('an unknown format is bad input and lists the formats', async () => {
    const run = await runCli(['parse', 'netstat', '-'], { home });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Unknown format netstat (formats: nslookup, dig, curl, iptables, ip-route, ip-addr, resolv, tcpdump)');
  });

  it('a missing file is bad input naming the file', async () => {
    const run = await runCli(['parse', 'dig', 'no-such-file.txt'], { home });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no-such-file.txt: ENOENT');
  });
});
