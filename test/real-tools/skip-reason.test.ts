// The real-tools skip says what to install, as a command (issue 11.18).
import { describe, expect, it } from 'vitest';
import { skipReason } from './harness.js';

describe('why real-tools tests were skipped', () => {
  it('names what is missing and the Debian packages to install', () => {
    expect(skipReason(['dig', 'tcpdump'])).toBe(
      'needs dig, tcpdump — install with: apt-get install bind9-dnsutils dnsmasq-base curl iptables iproute2 tcpdump',
    );
  });

  it('says to run as root when only root is missing', () => {
    expect(skipReason(['root (network namespaces need it)'])).toBe(
      'needs root (network namespaces need it) — run the tests as root (sudo npx vitest run test/real-tools)',
    );
  });
});
