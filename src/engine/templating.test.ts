import { describe, expect, it } from 'vitest';
import { substitute, substituteArgv, UnboundTemplate, type Bindings } from './templating.js';

const bindings: Bindings = new Map<string, any>([
  ['clusterIP', '10.96.12.7'],
  ['podIPs', ['10.244.1.5', '10.244.2.6']],
  ['replicas', 5],
]);

describe('templating captured values', () => {
  it('a whole-string template becomes the captured value, keeping lists and numbers', () => {
    expect(substitute({ include: '{{podIPs}}', equals: '{{replicas}}' }, bindings)).toEqual({ include: ['10.244.1.5', '10.244.2.6'], equals: 5 });
  });
  it('a list capture standing alone in a list is spliced in, not nested', () => {
    expect(substitute({ oneOf: ['{{podIPs}}', '10.0.0.1'] }, bindings)).toEqual({ oneOf: ['10.244.1.5', '10.244.2.6', '10.0.0.1'] });
  });

  it('a template inside text is interpolated', () => {
    expect(substitute('http://{{clusterIP}}:80/hostname', bindings)).toBe('http://10.96.12.7:80/hostname');
  });
  it('argv stays a list of strings, one element per argument, whatever the value holds', () => {
    const hostile = new Map<string, any>([['name', 'web; rm -rf /']]);
    expect(substituteArgv(['nslookup', '{{name}}'], hostile)).toEqual(['nslookup', 'web; rm -rf /']);
    expect(substituteArgv(['echo', '{{podIPs}}'], bindings)).toEqual(['echo', '10.244.1.5,10.244.2.6']);
  });
  it('{{ip|dashes}} writes an IP the way a Pod DNS name does', () => {
    const ip = new Map<string, any>([['podIP', '10.244.1.5'], ['namespace', 'lab-07']]);
    expect(substituteArgv(['nslookup', '{{podIP|dashes}}.{{namespace}}.pod.cluster.local'], ip)).toEqual(['nslookup', '10-244-1-5.lab-07.pod.cluster.local']);
    expect(substitute('{{ podIP | dashes }}', ip)).toBe('10-244-1-5');
  });

  it('a capture without a value yet names every missing template', () => {
    expect(() => substitute(['{{a}}', 'x{{b}}'], new Map())).toThrow(UnboundTemplate);
    expect(() => substitute(['{{a}}', 'x{{b}}'], new Map())).toThrow('{{a}}, {{b}}');
  });
});
