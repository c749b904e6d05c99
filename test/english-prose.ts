// Finds English prose in text a Japanese run printed. Data stays as it is in Japanese too: shown
// commands (`$ …`, a fix line that starts with a command), anything in backticks or quotes, names
// (lab-03, kind-kindlab, --verbose, 10.96.0.10, NodePort, NXDOMAIN) and the tool output a test fed in.
// What is left is split into words; an English word a Japanese text never uses is prose.

/** Words that are English prose wherever they stand, lower-case (function words, kindlab's verbs). */
const PROSE_WORDS = new Set(
  `a about above after again all already an and answer answered answers any anything are as at
available back be because been before being below both but by can cannot could did does doing done each either enough every
exist exists expected failed first for found free from gone has have here how if in into is it its just known last later
least less log make makes may missing more most must navigate need needs never new next no none not nothing now observed of
on one only or other out over pinned please ready reachable refusing repair repairs run running same see seen select should
so some still such than that the their them then there these they this those through time timed to too try unknown unless
unreadable until up use used uses very waiting was were what when where which while who will with without would yet you
your check checks installed install recreates asking finished takes writes write lesson step steps cluster
context details error errors file field choose start begin quit hint show shows apply applied help expect solve`
    .split(/\s+/)
    .filter(Boolean),
);

/** A word that is English prose wherever it stands (so never exempted as a name). */
export const isProseWord = (word: string) => PROSE_WORDS.has(word.toLowerCase());

/** Capitalised words that are Kubernetes' own values (phases, conditions), not prose. */
const KUBE_VALUES = new Set(['Ready', 'Running', 'Available', 'Pending', 'Complete', 'Exists', 'Deleted', 'Unknown', 'True', 'False']);

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;

const KINDLAB_VERBS = 'menu|list|start|check|hint|solve|status|report|lang|doctor|up|down|reset|test|ready|images|bundle|validate|parse|--help|--version';

/** First words of a line that is a command to type (doctor's fixes, suggestions). */
const COMMAND_WORDS = new Set([
  'kindlab',
  'npx',
  'npm',
  'node',
  'kubectl',
  'kind',
  'docker',
  'sudo',
  'free',
  'vm_stat',
  'echo',
  'curl',
  'brew',
  'open',
  'lsof',
  'printf',
  'ss',
  'modprobe',
  'sysctl',
  'export',
  'nslookup',
  'dig',
  'ip',
  'iptables',
  'tcpdump',
]);

/** A command inside a sentence: a tool and one of its verbs, up to the next Japanese character or ; , ( ). */
const INLINE_COMMAND = new RegExp(
  String.raw`\b(?:(?:npx )?kindlab (?:${KINDLAB_VERBS})|kubectl (?:get|apply|exec|describe|logs|config|delete|create|wait|run|port-forward|rollout|scale|label|annotate|edit|explain|top|cluster-info|version|-n)|docker (?:info|exec|run|load|pull|save|ps|inspect|rm|images|image|network|logs|container)|kind (?:create|delete|export|get|load|version)|npm (?:ci|install|link|run|test)|sudo \S+|brew install)\b[^\u3040-\u30ff\u3400-\u9fff\uff00-\uffef、。（）;,()]*`,
  'g',
);

export class ProseScanner {
  private readonly extra: Set<string>;

  /**
   * `englishWords`: words from kindlab's English texts; those that no Japanese text uses
   * (`japaneseWords`: Pod, Service, kubectl, netshoot…, which are names) count as prose too.
   */
  constructor(japaneseWords: Iterable<string> = [], englishWords: Iterable<string> = [], ids: Iterable<string> = []) {
    const names = new Set([...japaneseWords, ...ids].map((w) => w.toLowerCase()));
    this.extra = new Set([...englishWords].map((w) => w.toLowerCase()).filter((w) => w.length > 2 && !names.has(w)));
    // An id that is also a prose word (the expectation `exists`) cannot excuse that word everywhere.
    this.ids = new Set([...ids].filter((id) => !isProseWord(id)));
  }

  /** Step ids, expectation keys: identifiers a Japanese sentence names as they are. */
  private readonly ids: Set<string>;

  /** Lines of `output` that hold English prose, once `data` (what the test fed in) is taken out; each with its English words. */
  scan(output: string, data: string[] = []): string[] {
    const findings: string[] = [];
    for (const raw of output.replace(ANSI, '').split('\n')) {
      const words = this.proseWords(raw, data);
      if (words.length) findings.push(`${raw.trim()}    ⟵ ${words.join(' ')}`);
    }
    return findings;
  }

  proseWords(raw: string, data: string[] = []): string[] {
    let line = raw;
    for (const d of data) if (d.trim()) line = line.split(d.trim()).join(' ');
    line = line
      .trim()
      .replace(/^[✓✗✔✖!…•>?❯-]\s+/u, '')
      .replace(/(^|\s)\$ .*$/, ' ');
    // A table's first column (`list    レッスンの一覧`) and a `[step-id]` header are names.
    line = line.replace(/^[\w-]+ {2,}/, ' ').replace(/(^|\s)\[[\w.-]+\]/g, ' ');
    // A command to type: only its `# comment` is prose.
    const first = line.replace(/^\$\s+/, '').split(/\s+/)[0] ?? '';
    const hash = line.search(/\s#\s/);
    const before = hash < 0 ? line : line.slice(0, hash);
    if (line.startsWith('$ ') || (COMMAND_WORDS.has(first) && !JAPANESE.test(before))) {
      if (hash < 0) return [];
      line = line.slice(hash + 3);
    }
    line = line
      .replace(/`[^`]*`/g, ' ')
      .replace(/"[^"]*"|“[^”]*”|「[^」]*」/g, ' ')
      .replace(/\{\{[^}]*\}\}/g, ' ')
      .replace(INLINE_COMMAND, ' ');
    const words: string[] = [];
    // Runs of characters that are neither space nor Japanese are tokens; only plain words count.
    for (const token of line.split(/[\s\u3000-\u30ff\u3400-\u9fff\uff00-\uffef、。（）：]+/)) {
      const word = token.replace(/^[([<]+/, '').replace(/[)\]>,.;:!?…]+$/, '');
      if (!/^[A-Za-z]+(?:'[a-z]+)?$/.test(word)) continue;
      if (word === word.toUpperCase()) continue; // NXDOMAIN, DNAT, IN, A
      if (KUBE_VALUES.has(word) || this.ids.has(word)) continue;
      const lower = word.toLowerCase();
      if (PROSE_WORDS.has(lower) || this.extra.has(lower)) words.push(word);
    }
    return words;
  }
}

/** Words of a text, for building the name list from Japanese texts. */
export const wordsOf = (text: string): string[] => text.split(/[^A-Za-z']+/).filter(Boolean);

export const looksJapanese = (text: string) => JAPANESE.test(text);
