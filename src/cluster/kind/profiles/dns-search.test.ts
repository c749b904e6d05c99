// kind passes the host's DNS search list through to the nodes unless `networking.dnsSearch` is set,
// and kubelet appends the node's search list after the cluster domains in every Pod's resolv.conf.
// kind v0.30.0: pkg/apis/config/v1alpha4/types.go `DNSSearch *[]string yaml:"dnsSearch"` ("If not
// set, this will be inherited from the host"); pkg/cluster/internal/providers/docker/provision.go
// passes a non-nil list as KIND_DNS_SEARCH (joined by spaces, so [] gives an empty value);
// images/base/files/usr/local/bin/entrypoint: "Empty search - remove all current search clauses".
// So `dnsSearch: []` keeps a learner's corporate/DHCP search domains out of lesson 04's resolv.conf.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PROFILES } from '../../../lessons/profile-names.js';
import { parseKindConfig, renderKindConfig } from '../kind-config.js';
import { profileFacts } from './index.js';

const baseText = readFileSync(new URL('../../../../kind-config.yaml', import.meta.url), 'utf8');

describe('networking.dnsSearch', () => {
  it('kind-config.yaml sets dnsSearch to an empty list (not absent, not null)', () => {
    const networking = (parse(baseText) as { networking: Record<string, unknown> }).networking;
    expect(networking).toHaveProperty('dnsSearch');
    expect(networking.dnsSearch).toEqual([]);
  });

  it.each(PROFILES)('the kind config generated for %s keeps dnsSearch: []', (name) => {
    const out = renderKindConfig(parseKindConfig(baseText), profileFacts(name).networking, name);
    const networking = (parse(out) as { networking: Record<string, unknown> }).networking;
    expect(Array.isArray(networking.dnsSearch)).toBe(true);
    expect(networking.dnsSearch).toEqual([]);
  });
});
