// `kindlab report --format html` holds the pictures the learner's own run drew: a passed step with
// a diagram keeps its picture (PictureStore), and the page shows it as SVG beside the record.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PictureStore } from '../../src/state/pictures.js';
import { parseIptables } from '../../src/parse/iptables.js';
import { serviceChainFrom } from '../../src/engine/diagram/service-chain.js';
import { renderDiagramSvg } from '../../src/ui/map/diagram-svg.js';
import { runCli, tempHome } from '../cli/run-cli.js';
import { svgTextBoxes } from './svg-boxes.js';
import { labWorld } from './world.js';

const RULES = readFileSync(new URL('../real-tools/fixtures/kube-proxy-nat.rules', import.meta.url), 'utf8');
const chain = {
  kind: 'serviceChain' as const,
  node: 'kindlab-worker',
  picture: serviceChainFrom(parseIptables(RULES), 'lab-05', 'web'),
  commands: [['docker', 'exec', 'kindlab-worker', 'iptables-save', '-t', 'nat']],
};

describe('pictures in the HTML report', () => {
  let home: { home: string; cleanup: () => Promise<void> };
  beforeEach(async () => void (home = await tempHome()));
  afterEach(async () => home.cleanup());

  test('the serviceChain SVG is well-formed, names every chain and DNAT target, and no text box overlaps another', () => {
    for (const lang of ['ja', 'en'] as const) {
      const svg = renderDiagramSvg(chain, lang);
      expect(XMLValidator.validate(svg)).toBe(true);
      const { boxes, width, height } = svgTextBoxes(svg);
      const texts = boxes.map((b) => b.text);
      for (const label of [
        'KUBE-SERVICES',
        'KUBE-SVC-XPGD46QRK7WJZT7O',
        'KUBE-SEP-SXIVWICOYRO3J4NJ',
        '10.244.2.7:8080',
        'KUBE-NODEPORTS',
        'KUBE-EXT-XPGD46QRK7WJZT7O',
        '33.3%',
      ])
        expect(texts).toContain(label);
      const clashes: string[] = [];
      boxes.forEach((a, i) =>
        boxes.slice(i + 1).forEach((b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1 && clashes.push(`${a.text} / ${b.text}`)),
      );
      expect(clashes).toEqual([]);
      for (const b of boxes) expect(b.x1 <= width && b.y1 <= height, b.text).toBe(true);
    }
  });

  test('a picture saved for a step comes back; a damaged entry is set aside and the rest kept', async () => {
    const store = new PictureStore({ KINDLAB_HOME: home.home });
    await store.save('kindlab', '05-kube-proxy-iptables', 'svc-and-sep', chain, new Date('2026-11-25T10:00:00Z'));
    expect((await store.load()).kindlab?.['05-kube-proxy-iptables']?.['svc-and-sep']).toEqual({ at: '2026-11-25T10:00:00.000Z', diagram: chain });
    const raw = JSON.parse(readFileSync(store.file, 'utf8'));
    raw.kindlab['05-kube-proxy-iptables'].broken = { at: 1 };
    const { writeFileSync } = await import('node:fs');
    writeFileSync(store.file, JSON.stringify(raw));
    const loaded = await store.load();
    expect(Object.keys(loaded.kindlab!['05-kube-proxy-iptables']!)).toEqual(['svc-and-sep']);
  });

  test('check passes a step with a picture, then report --format html shows it (ja), each SVG well-formed with its own marker id', async () => {
    const cluster = labWorld('kindnet');
    cluster.answer(['curl'], { stdout: '10.244.1.2:41234' });
    const labs = path.resolve('labs');
    const env = { KINDLAB_LABS: labs };
    // Progress and captures as lesson 01 leaves them before no-nat (check reads bindings from captures: start pods-and-ips and node-ips first).
    cluster.answer(['ip', '-4', 'addr', 'show', 'dev', 'eth0'], (_a, target) => ({
      stdout:
        'node' in target
          ? '2: eth0@if5: <UP> mtu 1500\n    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0\n'
          : '2: eth0@if9: <UP> mtu 1500\n    inet 10.244.1.2/24 brd 10.244.1.255 scope global eth0\n',
    }));
    for (const step of ['pods-and-ips', 'node-ips', 'no-nat']) {
      const run = await runCli(['check', '01', step, '--lang', 'ja'], { home: home.home, cluster, env });
      expect(run.code, `${step}: ${run.stdout}${run.stderr}`).toBe(0);
      if (step === 'no-nat') expect(run.stdout).toContain('図: netshoot から server への道 (kindnet)');
    }
    const report = await runCli(['report', '--format', 'html', '--lang', 'ja'], { home: home.home, env });
    expect(report.code).toBe(0);
    const html = report.stdout;
    expect(html).toMatch(/^<!doctype html>\n<html lang="ja">/);
    expect(html).toContain('あなたのクラスタで描いた図');
    expect(html).toContain('data-step="no-nat"');
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(1);
    for (const svg of svgs) expect(XMLValidator.validate(svg)).toBe(true);
    expect(svgs[0]).toContain('veth5e2a1b3c');
    expect(svgs[0]).toContain('id="arrow-1"');
    expect(html).not.toMatch(/<script|<link|<img/i);
  });
});
