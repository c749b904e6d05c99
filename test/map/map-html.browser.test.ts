// The map's HTML opened in a real headless browser (Debian's chromium, driven by playwright-core):
// a screenshot is taken, the key labels are in the DOM, nothing is logged as an error, and the
// text boxes as the browser laid them out (getBBox) do not overlap and fit the columns the layout
// assumed. Without chromium the test is skipped with the install command; with
// KINDLAB_REQUIRE_REAL_TOOLS=1 a missing browser fails.
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { readClusterMap } from '../../src/engine/map/read.js';
import { CHAR_WIDTH, FONT_SIZE } from '../../src/ui/map/svg-canvas.js';
import { renderMapHtml } from '../../src/ui/map/html.js';
import { REQUIRED } from '../real-tools/harness.js';
import { labWorld } from './world.js';
import stringWidth from 'string-width';
import type { Lesson } from '../../src/lessons/model.js';
import { parseIptables } from '../../src/parse/iptables.js';
import { serviceChainFrom } from '../../src/engine/diagram/service-chain.js';
import { reportHtml } from '../../src/ui/report-html.js';

const CHROMIUM = process.env.KINDLAB_CHROMIUM ?? '/usr/bin/chromium';
const present = (() => {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
})();
const INSTALL = 'apt-get install -y chromium';

if (!present) {
  describe('kindlab map HTML in a real browser', () => {
    if (REQUIRED)
      test(`chromium is present (${CHROMIUM})`, () => {
        throw new Error(`KINDLAB_REQUIRE_REAL_TOOLS=1 but ${CHROMIUM} is missing: ${INSTALL}`);
      });
    else test.skip(`skipped: needs ${CHROMIUM} (${INSTALL})`, () => {});
  });
} else {
  describe('kindlab map HTML in a real browser', () => {
    let dir: string;
    let context: BrowserContext;
    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'kindlab-map-browser-'));
      // A fresh user-data dir per run: nothing from another profile, nothing kept.
      context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: { width: 1400, height: 900 },
        offline: true,
      });
    });
    afterAll(async () => {
      await context?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('the HTML report with a Service picture (ja): renders offline, chain names in the DOM, no error, no overlapping text', async () => {
      const rules = readFileSync(new URL('../real-tools/fixtures/kube-proxy-nat.rules', import.meta.url), 'utf8');
      const diagram = {
        kind: 'serviceChain' as const,
        node: 'kindlab-worker',
        picture: serviceChainFrom(parseIptables(rules), 'lab-05', 'web'),
        commands: [['docker', 'exec', 'kindlab-worker', 'iptables-save', '-t', 'nat']],
      };
      const lesson = {
        id: '05-kube-proxy-iptables',
        title: { ja: 'kube-proxy と iptables', en: 'kube-proxy and iptables' },
        steps: [{ id: 'svc-and-sep', title: { ja: 'KUBE-SVC の確率と KUBE-SEP の DNAT', en: 'KUBE-SVC probabilities' } }],
      } as unknown as Lesson;
      const rows = [
        {
          id: lesson.id,
          title: lesson.title.ja,
          state: 'in-progress' as const,
          stepsPassed: 2,
          steps: 6,
          solvedWithSolution: 0,
          checkTries: 1,
          hints: 0,
          spentMs: 60_000,
          stepRecords: [],
        },
      ];
      const html = reportHtml(rows, [lesson], { [lesson.id]: { 'svc-and-sep': { at: '2026-11-25T10:00:00.000Z', diagram } } }, 'ja', () => '1分');
      const file = path.join(dir, 'report-ja.html');
      writeFileSync(file, html);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 20_000 });
      const shot = path.join(process.env.KINDLAB_MAP_SCREENSHOTS ?? dir, 'report-ja.png');
      await page.screenshot({ path: shot, fullPage: true, timeout: 20_000 });
      expect(statSync(shot).size).toBeGreaterThan(10_000);
      const text = await page.locator('figure svg').textContent();
      for (const label of ['KUBE-SERVICES', 'KUBE-SVC-XPGD46QRK7WJZT7O', 'KUBE-SEP-OYPFS5VJICHGATKP', '10.244.2.7:8080', 'KUBE-EXT-XPGD46QRK7WJZT7O', '33.3%'])
        expect(text).toContain(label);
      const boxes = await page.$$eval('figure svg text', (els) =>
        els.map((el) => {
          const b = (el as SVGTextElement).getBBox();
          return { text: el.textContent ?? '', x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
        }),
      );
      const clashes: string[] = [];
      boxes.forEach((a, i) =>
        boxes
          .slice(i + 1)
          .forEach((b) => a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1 && clashes.push(`"${a.text}" / "${b.text}"`)),
      );
      expect(clashes).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    });

    for (const [profile, lang] of [
      ['calico-vxlan', 'ja'],
      ['kindnet', 'en'],
    ] as const) {
      test(`${profile}, ${lang}: the page renders offline, shows the labels, logs no error, and its text boxes do not overlap`, async () => {
        const map = await readClusterMap(labWorld(profile), 'lab-01', { timeoutMs: 1000 });
        const file = path.join(dir, `map-${profile}-${lang}.html`);
        writeFileSync(file, renderMapHtml(map, lang));
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 20_000 });
        // KINDLAB_MAP_SCREENSHOTS=DIR keeps the screenshots there, to look at them.
        const shot = path.join(process.env.KINDLAB_MAP_SCREENSHOTS ?? dir, `map-${profile}-${lang}.png`);
        await page.screenshot({ path: shot, fullPage: true, timeout: 20_000 });
        expect(statSync(shot).size).toBeGreaterThan(20_000);

        const body = await page.locator('svg').textContent();
        for (const label of [...map.nodes.map((n) => n.name), 'netshoot', 'server', 'svc/server (NodePort)', lang === 'ja' ? 'データの通り道' : 'Data path'])
          expect(body).toContain(label);
        const boxes = await page.$$eval('svg text', (els) =>
          els.map((el) => {
            const b = (el as SVGTextElement).getBBox();
            return { text: el.textContent ?? '', size: Number(el.getAttribute('font-size')), x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
          }),
        );
        expect(boxes.length).toBeGreaterThan(30);
        const clashes: string[] = [];
        // A hair of tolerance: glyph boxes of adjacent lines touch by design (line height 16-18 px at 12-13 px).
        const hit = (a: (typeof boxes)[0], b: (typeof boxes)[0]) => a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1;
        boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => hit(a, b) && clashes.push(`"${a.text}" / "${b.text}"`)));
        expect(clashes).toEqual([]);
        // The layout sized its columns from display columns at CHAR_WIDTH px: the real text is no wider.
        const wider = boxes
          .filter((b) => b.x1 - b.x0 > stringWidth(b.text) * CHAR_WIDTH * (b.size / FONT_SIZE) + 1)
          .map((b) => `${b.text} ${(b.x1 - b.x0).toFixed(1)}px`);
        expect(wider).toEqual([]);
        expect(problems).toEqual([]);
        expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
        await page.close();
      });
    }
  });
}
