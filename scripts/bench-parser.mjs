#!/usr/bin/env node
// For `npm run bench`: one parser's throughput, measured in a process of its own, so the garbage
// and heap growth one parser leaves behind (two 8 MB iptables tables and their results) are not
// collected on the next one's time. scripts/bench.mjs starts PARSER_PROCESSES of these per input.
//   node scripts/bench-parser.mjs <format> <input file>
// Reads the file (UTF-8), parses it once to check that the parser reads it, warms the parser up
// for WARM_UP_S, then times LOOPS loops of at least LOOP_S of parsing each, in this process's CPU
// time. Prints one JSON line: bytes, MB/s of every loop and their median, whether it parsed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WARM_UP_S = 0.2;
const LOOPS = 3;
const LOOP_S = 0.3;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [format, file] = process.argv.slice(2);
const { parsers } = await import(path.join(root, 'dist/src/parse/index.js'));
const parse = parsers[format];
if (!parse || !file) {
  console.error(`usage: bench-parser.mjs <${Object.keys(parsers).join('|')}> <input file>`);
  process.exit(2);
}

/** This process's CPU time in seconds: unlike wall time, other work on a busy machine barely moves it. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Parses the text again and again for at least `seconds` of CPU; MB/s = bytes × runs ÷ CPU seconds. */
function loop(text, bytes, seconds) {
  let runs = 0;
  const started = cpuNow();
  let elapsed = 0;
  while (elapsed < seconds) {
    parse(text);
    runs++;
    elapsed = cpuNow() - started;
  }
  return (bytes * runs) / elapsed / 1e6;
}

const text = readFileSync(file, 'utf8');
const bytes = Buffer.byteLength(text);
const parsed = parse(text)?.parsed !== false;
loop(text, bytes, WARM_UP_S);
const loops = Array.from({ length: LOOPS }, () => loop(text, bytes, LOOP_S));
console.log(JSON.stringify({ format, bytes, parsed, mbPerSecond: median(loops), loops }));
