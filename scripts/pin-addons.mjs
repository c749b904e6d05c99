#!/usr/bin/env node
// Maintainers, on a machine with internet: download every add-on manifest named in
// addons/checksums.json from its pinned URL, write it under addons/, and record its sha256 and
// the images it names. Review the diff, then commit addons/ (and update CALICO_IMAGES in
// src/cluster/kind/images.ts if the image list printed here differs).
//
//   node scripts/pin-addons.mjs                 # pin what is not pinned yet
//   node scripts/pin-addons.mjs --force         # re-pin even if a different sha256 is recorded
//   node scripts/pin-addons.mjs --check-tools   # also compare kind/kubectl pins with the publishers' .sha256 files (needs `npm run build`)
//   node scripts/pin-addons.mjs --addons DIR    # another addons folder (used to try the script locally)
import { createHash } from 'node:crypto';
import { argv, echo, fs, path } from 'zx';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const addonsDir = path.resolve(argv.addons ?? path.join(root, 'addons'));
const pinsFile = path.join(addonsDir, 'checksums.json');
const pins = await fs.readJson(pinsFile);
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

let failed = false;
for (const [name, pin] of Object.entries(pins.addons)) {
  echo(`${name} ${pin.version}: ${pin.url}`);
  const res = await fetch(pin.url, { signal: AbortSignal.timeout(120_000) });
  if (!res.ok) {
    echo(`  FAILED: HTTP ${res.status}`);
    failed = true;
    continue;
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  const sum = sha256(bytes);
  if (pin.sha256 && pin.sha256 !== sum && !argv.force) {
    echo(`  REFUSED: recorded sha256 ${pin.sha256} but the URL now serves ${sum}. A pinned tag should not change; investigate, then use --force.`);
    failed = true;
    continue;
  }
  const dest = path.join(addonsDir, pin.file);
  await fs.mkdirp(path.dirname(dest));
  const temp = `${dest}.partial`;
  await fs.writeFile(temp, bytes);
  await fs.rename(temp, dest);
  const text = bytes.toString('utf8');
  const images = [...new Set([...text.matchAll(/^\s*image:\s*["']?([^\s"'#]+)/gm)].map((m) => m[1]))];
  if (pin.unverifiedHint?.sha256) {
    echo(`  third-party hint ${pin.unverifiedHint.sha256 === sum ? 'MATCHES' : 'DIFFERS from'} the downloaded file`);
  }
  if (JSON.stringify(images) !== JSON.stringify(pin.images))
    echo(`  images changed: ${JSON.stringify(pin.images)} -> ${JSON.stringify(images)} (update src/cluster/kind/images.ts)`);
  pin.sha256 = sum;
  pin.images = images;
  echo(`  sha256 ${sum}\n  wrote ${path.relative(root, dest)} (${bytes.length} bytes)`);
}
const tempPins = `${pinsFile}.partial`;
await fs.writeFile(tempPins, JSON.stringify(pins, null, 2) + '\n');
await fs.rename(tempPins, pinsFile);

if (argv['check-tools']) {
  const { PINNED_KIND, PINNED_KUBECTL } = await import(path.join(root, 'dist/src/cluster/kind/pinned-tools.js'));
  for (const tool of [PINNED_KIND, PINNED_KUBECTL]) {
    for (const [key, asset] of Object.entries(tool.assets)) {
      // kind publishes kind-<os>-<arch>.sha256sum; Kubernetes publishes kubectl.sha256.
      const sumUrl = tool.name === 'kind' ? `${asset.url}.sha256sum` : `${asset.url}.sha256`;
      const res = await fetch(sumUrl, { signal: AbortSignal.timeout(60_000) });
      const published = res.ok ? (await res.text()).trim().split(/\s+/)[0] : `HTTP ${res.status}`;
      const ok = published === asset.sha256;
      if (!ok) failed = true;
      echo(`${tool.name} ${tool.version} ${key}: ${ok ? 'matches' : `DIFFERS (published ${published}, pinned ${asset.sha256})`}`);
    }
  }
}
process.exit(failed ? 1 : 0);
