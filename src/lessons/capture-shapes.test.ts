import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { captureShape } from './capture-shapes.js';
import { loadLesson } from './load.js';

const FIXTURES = path.resolve('test/fixtures/list-captures');
const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A copy of a fixture lesson with its text edited, in a folder of the same name. */
async function edited(fixture: string, edit: (text: string) => string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'kindlab-shapes-'));
  temps.push(root);
  const dir = path.join(root, fixture);
  await mkdir(dir);
  await writeFile(path.join(dir, 'lesson.yaml'), edit(await readFile(path.join(FIXTURES, fixture, 'lesson.yaml'), 'utf8')));
  return dir;
}

async function errorsOf(dir: string): Promise<string[]> {
  const result = await loadLesson(dir);
  return result.ok ? [] : result.errors.map((e) => e.message);
}

describe('a capture is known to give one value or a list before anything runs', () => {
  it('a named object with a plain path gives one value', () => {
    expect(captureShape({ from: 'service/web', path: '.spec.clusterIP' })).toEqual({ shape: 'one' });
  });
  it('a selector read gives a list, and says why', () => {
    const shape = captureShape({ from: 'pod', selector: 'app=echo', path: '.spec.nodeName' });
    expect(shape.shape).toBe('list');
    expect(shape.why).toContain('every pod with selector app=echo');
  });
  it('a filtered or [*] path gives a list even on a named object', () => {
    expect(captureShape({ from: 'node/kindlab-worker', path: '.status.addresses[?(@.type=="InternalIP")].address' }).shape).toBe('list');
    expect(captureShape({ from: 'endpointslice/web-abc', path: '.endpoints[*].addresses[0]' }).shape).toBe('list');
  });
});

describe('validate rejects a list where one value is needed, with file:line:column and the fix', () => {
  it("lesson 01's node IP read through a filter, given to addr.has", async () => {
    const [error, ...rest] = await errorsOf(path.join(FIXTURES, '01-node-ip-filter'));
    expect(rest).toEqual([]);
    expect(error).toMatch(/01-node-ip-filter\/lesson\.yaml:18:34: steps\[0\]\.checks\[0\]\.expect\[0\]\.addr\.has\.address: expected one value/);
    expect(error).toContain('nodeIP is a list');
    expect(error).toContain('[?(…)]');
    expect(error).toContain('{{nodeIP|one}}');
  });

  it("lesson 08's CoreDNS address read with a selector, given to dns.server and put inside dig's argument", async () => {
    const errors = await errorsOf(path.join(FIXTURES, '08-coredns-selector'));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/lesson\.yaml:17:44: steps\[0\]\.checks\[0\]\.run\.argv\[1\]: expected text with single values in it/);
    expect(errors[1]).toMatch(/lesson\.yaml:19:25: steps\[0\]\.checks\[0\]\.expect\[0\]\.dns\.server: expected one value/);
    for (const e of errors) expect(e).toContain('it reads every endpointslice with selector kubernetes.io/service-name=kube-dns');
  });

  it("lesson 13's Pod node read with a selector, given as the node to run on", async () => {
    const errors = await errorsOf(path.join(FIXTURES, '13-pod-node-selector'));
    expect(errors).toEqual([expect.stringMatching(/lesson\.yaml:16:22: steps\[0\]\.checks\[0\]\.run\.node: expected one value, found \{\{podNode\}\}/)]);
  });

  it('the same lessons load once each use takes the single value with |one', async () => {
    for (const fixture of ['01-node-ip-filter', '08-coredns-selector', '13-pod-node-selector']) {
      const dir = await edited(fixture, (text) => text.replace(/\{\{(nodeIP|corednsOne|podNode)\}\}/g, '{{$1|one}}'));
      expect(await errorsOf(dir), fixture).toEqual([]);
    }
  });

  it('a list capture alone in a list is spliced in, so it is accepted there (not in argv)', async () => {
    const inList = await edited('08-coredns-selector', (text) =>
      text.replace('- dns.server: "{{corednsOne}}"', '- dns.addresses.exactly: ["{{corednsOne}}"]').replace('"@{{corednsOne}}"', '"@{{corednsOne|one}}"'),
    );
    expect(await errorsOf(inList)).toEqual([]);
    const inArgv = await edited('08-coredns-selector', (text) =>
      text.replace('"@{{corednsOne}}"', '"{{corednsOne}}"').replace('"{{corednsOne}}"\n', '"{{corednsOne|one}}"\n'),
    );
    expect(await errorsOf(inArgv)).toEqual([expect.stringContaining('run.argv[1]: expected one value')]);
  });

  it('a one-value capture can go anywhere, with or without |one', async () => {
    const dir = await edited('13-pod-node-selector', (text) =>
      text.replace('{ from: pod, selector: app=echo, path: .spec.nodeName }', '{ from: pod/echo-0, path: .spec.nodeName }'),
    );
    expect(await errorsOf(dir)).toEqual([]);
  });
});
