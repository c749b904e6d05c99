import { readFile } from 'node:fs/promises';
import { fill, messages } from '../../ui/messages.js';
import { EXIT, UsageError, type Command } from '../command.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const parse: Command = {
  name: 'parse',
  group: 'author',
  usage: 'kindlab parse FORMAT [FILE|-]',
  summary: { ja: 'ツールの出力を kindlab がどう読むかを JSON で表示', en: 'Show, as JSON, how kindlab reads a tool\'s output' },
  details: {
    ja: 'FORMAT: nslookup, dig, curl, iptables, ip-route, ip-addr, resolv, tcpdump。FILE を省略するか - で標準入力から読みます。',
    en: 'FORMAT: nslookup, dig, curl, iptables, ip-route, ip-addr, resolv, tcpdump. Reads stdin when FILE is - or omitted.',
  },
  examples: [
    { command: 'kubectl exec -n lab-03 netshoot -- nslookup web | kindlab parse nslookup', text: { ja: 'nslookup の結果を読む', en: 'Read an nslookup answer' } },
    { command: 'kindlab parse iptables saved-rules.txt', text: { ja: 'iptables-save の出力ファイルを読む', en: 'Read a file of iptables-save output' } },
  ],
  async run(app, args) {
    const { parsers, formatNames } = await import('../../parse/index.js');
    const [format, file] = args.positionals;
    const parser = format ? parsers[format] : undefined;
    if (!parser) throw new UsageError(fill(app.out.t(messages.parseUnknownFormat), { format: format ?? '(none)', formats: formatNames.join(', ') }));
    let text: string;
    try {
      text = file && file !== '-' ? await readFile(file, 'utf8') : await readStdin();
    } catch (error) {
      throw new UsageError(`${file}: ${(error as Error).message}`);
    }
    app.out.json(parser(text));
    return EXIT.ok;
  },
};
