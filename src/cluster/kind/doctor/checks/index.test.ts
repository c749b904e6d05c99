import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readyMachine } from '../../../../../test/fakes/doctor-facts.js';
import type { DoctorCheck } from '../types.js';
import { DOCTOR_CHECKS, doctorExitCode, evaluateDoctor } from './index.js';

/** Files here that hold shared pieces, not a check. */
const NOT_CHECKS = ['index.ts', 'text.ts', 'inotify-sysctl.ts'];
const here = readdirSync(new URL('.', import.meta.url));

describe("doctor's list of checks", () => {
  it('every check file is in the list once, named as its file, with its own test beside it', () => {
    const files = here.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_CHECKS.includes(f)).sort();
    expect(DOCTOR_CHECKS.map((c) => `${c.name}.ts`).sort()).toEqual(files);
    for (const f of files) expect(here, f).toContain(f.replace(/\.ts$/, '.test.ts'));
  });

  it('a ready Linux machine on the IPIP profile passes every line, in the order the report shows them', () => {
    const facts = readyMachine({ ports: [{ port: 18080, address: '127.0.0.1', free: true }], calicoPinned: { pinned: true, version: 'v3.31.3' } });
    const checks = evaluateDoctor(facts, { profile: 'calico-ipip' });
    expect(checks.filter((c) => !c.ok)).toEqual([]);
    expect(checks.map((c) => c.id)).toEqual([
      'docker',
      'kind',
      'kind-pinned',
      'kubectl',
      'docker-memory',
      'host-memory',
      'inotify-watches',
      'inotify-instances',
      'ipip-module',
      'port-18080',
      'calico-manifest',
    ]);
    expect(doctorExitCode(checks)).toBe(0);
  });

  it('on kindnet the nfqueue line replaces ipip and calico-manifest', () => {
    const ids = evaluateDoctor(readyMachine(), { profile: 'kindnet' }).map((c) => c.id);
    expect(ids).toEqual(['docker', 'kind', 'kind-pinned', 'kubectl', 'docker-memory', 'host-memory', 'inotify-watches', 'inotify-instances', 'nfqueue-module']);
  });

  it('every title is in Japanese and English', () => {
    const facts = readyMachine({ ports: [{ port: 80, address: '127.0.0.1', free: true }], calicoPinned: { pinned: true, version: 'v3.31.3' } });
    const lines = evaluateDoctor(facts, { profile: 'calico-ipip' });
    for (const c of lines) {
      expect(c.title.ja, c.id).toMatch(/[\u3040-\u30ff\u3400-\u9fff]/);
      expect(c.title.en, c.id).toMatch(/^[\x20-\x7e]+$/);
    }
  });
});

describe("doctor's exit code", () => {
  const line = (change: Partial<DoctorCheck>): DoctorCheck => ({
    ...{ id: 'x', ok: false, severity: 'error', title: { ja: 'x', en: 'x' }, expected: '', observed: '', fix: { linux: [], macos: [] } },
    ...change,
  });
  it('3 when an error-level line failed', () => {
    expect(doctorExitCode([line({ ok: true }), line({})])).toBe(3);
  });
  it('0 for warnings and for lines that could not be judged', () => {
    expect(doctorExitCode([line({ severity: 'warning' }), line({ unknown: true })])).toBe(0);
  });
});
