import { describe, expect, it } from 'vitest';
import { NotExactlyOne, substitute, substituteArgv, UnboundTemplate, type Bindings } from './templating.js';

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
    const ip = new Map<string, any>([
      ['podIP', '10.244.1.5'],
      ['namespace', 'lab-07'],
    ]);
    expect(substituteArgv(['nslookup', '{{podIP|dashes}}.{{namespace}}.pod.cluster.local'], ip)).toEqual(['nslookup', '10-244-1-5.lab-07.pod.cluster.local']);
    expect(substitute('{{ podIP | dashes }}', ip)).toBe('10-244-1-5');
  });

  it('a capture without a value yet names every missing template', () => {
    expect(() => substitute(['{{a}}', 'x{{b}}'], new Map())).toThrow(UnboundTemplate);
    expect(() => substitute(['{{a}}', 'x{{b}}'], new Map())).toThrow('{{a}}, {{b}}');
  });
});

describe('{{x|one}} takes the single value of a captured list', () => {
  const captured: Bindings = new Map<string, any>([
    ['corednsOne', ['10.244.0.3']],
    ['podNode', ['kindlab-worker2']],
    ['two', ['kindlab-worker', 'kindlab-worker2']],
    ['plain', '10.96.0.10'],
  ]);
  it('a one-element list becomes that element, where one value is needed and inside text', () => {
    expect(substitute({ node: '{{podNode|one}}' }, captured)).toEqual({ node: 'kindlab-worker2' });
    expect(substitute({ 'dns.server': '{{corednsOne|one}}' }, captured)).toEqual({ 'dns.server': '10.244.0.3' });
    expect(substituteArgv(['dig', '@{{corednsOne|one}}'], captured)).toEqual(['dig', '@10.244.0.3']);
  });
  it('a single value passes through |one unchanged, and filters chain left to right', () => {
    expect(substitute('{{plain|one}}', captured)).toBe('10.96.0.10');
    expect(substitute('{{corednsOne|one|dashes}}.lab-07.pod', captured)).toBe('10-244-0-3.lab-07.pod');
  });
  it('two values fail clearly, naming the capture and what it held, in both languages', () => {
    expect(() => substitute({ node: '{{two|one}}' }, captured)).toThrow(NotExactlyOne);
    expect(() => substitute({ node: '{{two|one}}' }, captured)).toThrow('{{two|one}} needs exactly one value; two has 2: kindlab-worker, kindlab-worker2');
    const thrown = (() => {
      try {
        substituteArgv(['curl', 'http://{{two|one}}/'], captured);
      } catch (error) {
        return error as NotExactlyOne;
      }
    })();
    expect(thrown?.text.ja).toBe('{{two|one}} には値がちょうど 1 つ必要ですが、two には 2 個あります: kindlab-worker, kindlab-worker2');
    expect(() => substitute('{{empty|one}}', new Map<string, any>([['empty', []]]))).toThrow('empty has 0');
  });
});
