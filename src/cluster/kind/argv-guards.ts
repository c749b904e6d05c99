// A lesson's {{captures}} are strings to the type checker but may be lists at run time: these
// guards turn such a value into a message the learner can act on before it reaches execa.
import { TextError } from '../../core/task.js';

/**
 * A node run names one node. The type says so, but a lesson's whole-value `{{capture}}` from a
 * selector read or a filtered path is a list at run time; without this, execa's "Second argument
 * must be an array of strings" is all a learner would see.
 */
export function assertOneNodeName(node: unknown): asserts node is string {
  if (typeof node === 'string' && node !== '') return;
  const got = Array.isArray(node) ? `a list of ${node.length} (${node.map(String).join(', ')})` : JSON.stringify(node);
  throw new TextError({
    ja: `ノードでのコマンドにはノード名が 1 つ必要ですが、${Array.isArray(node) ? `${node.length} 個のリスト（${node.map(String).join(', ')}）` : got} を受け取りました。セレクターやフィルター付きのパスで読んだ値なら {{名前|one}} で 1 つを取り出してください。`,
    en: `A node run needs one node name, but got ${got}. If it comes from a capture read with a selector or a filtered path, take its one element with {{name|one}}.`,
  });
}

/** Every argv element is one string: a list spliced in whole would otherwise reach execa. */
export function assertArgvOfStrings(argv: readonly unknown[]): void {
  const i = argv.findIndex((a) => typeof a !== 'string');
  if (i < 0) return;
  const bad = argv[i];
  const what = Array.isArray(bad) ? `a list (${bad.map(String).join(', ')})` : JSON.stringify(bad);
  throw new TextError({
    ja: `コマンド ${String(argv[0])} の引数 ${i} が文字列ではなく ${Array.isArray(bad) ? 'リスト' : '値'} です: ${what}`,
    en: `Command ${String(argv[0])}: argument ${i} is not a string but ${what}`,
  });
}
