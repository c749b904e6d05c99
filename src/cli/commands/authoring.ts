// Lesson authoring: validate lesson files, show how a tool output is read (name, usage, help, examples; options in options.ts).
import type { Command } from '../command.js';
import { lazy } from './lazy-run.js';

const validate: Command = {
  name: 'validate',
  group: 'author',
  usage: 'kindlab validate [PATH...]',
  summary: {
    ja: 'レッスンファイルを検証 (ファイル:行:列 でエラーを表示、クラスタ不要)',
    en: 'Check lesson files (errors as file:line:column; no cluster needed)',
  },
  details: {
    ja: 'PATH はレッスンのフォルダ、lesson.yaml、またはレッスンを含むフォルダ。省略時は labs/ 全体。未知のフィールド、存在しないマニフェスト、定義されていない {{capture}} はエラーです。マニフェストは Kubernetes API のスキーマ (フィールド名、型、必須項目、kind) でも確認します (CRD の種類は対象外)。',
    en: 'PATH is a lesson folder, a lesson.yaml, or a folder of lessons; default: all of labs/. Unknown fields, missing manifests and undefined {{captures}} are errors. Manifests are checked against the Kubernetes API schemas too (field names, types, required fields, kinds; custom resources are not).',
  },
  examples: [
    { command: 'kindlab validate', text: { ja: '同梱のすべてのレッスンを検証', en: 'Check every bundled lesson' } },
    { command: 'kindlab validate labs/03-service-clusterip', text: { ja: '1 つのレッスンを検証', en: 'Check one lesson' } },
  ],
  run: lazy(() => import('./validate.js'), 'validate'),
};

const parse: Command = {
  name: 'parse',
  group: 'author',
  usage: 'kindlab parse FORMAT [FILE|-]',
  summary: { ja: 'ツールの出力を kindlab がどう読むかを JSON で表示', en: "Show, as JSON, how kindlab reads a tool's output" },
  details: {
    ja: 'FORMAT: nslookup, dig, curl, iptables, ip-route, ip-addr, resolv, tcpdump。FILE を省略するか - で標準入力から読みます。',
    en: 'FORMAT: nslookup, dig, curl, iptables, ip-route, ip-addr, resolv, tcpdump. Reads stdin when FILE is - or omitted.',
  },
  examples: [
    {
      command: 'kubectl exec -n lab-03 netshoot -- nslookup web | kindlab parse nslookup',
      text: { ja: 'nslookup の結果を読む', en: 'Read an nslookup answer' },
    },
    { command: 'kindlab parse iptables saved-rules.txt', text: { ja: 'iptables-save の出力ファイルを読む', en: 'Read a file of iptables-save output' } },
  ],
  run: lazy(() => import('./parse.js'), 'parse'),
};

/** In the order `kindlab --help` lists them. */
export const authoringCommands: Command[] = [validate, parse];
