// Help in layers for `kindlab hint`: the author's hint first, then a hint built from the check
// that fails right now (which expectation, observed vs expected, what to look at, the command to
// run), then the offer to solve. Pure: takes the step and a check outcome, returns text.
import type { Step } from '../lessons/model.js';
import type { CaptureFile } from '../lessons/schema.js';
import type { Text } from '../core/text.js';
import type { PollOutcome } from './poll.js';

export type HintLevel = 1 | 2 | 3;

/** Asked again for the same step, one level further; never past the offer to solve. */
export function nextHintLevel(reached: number | undefined): HintLevel {
  return Math.min(3, Math.max(1, (reached ?? 0) + 1)) as HintLevel;
}

const quote = (argv: string[]) => argv.map((a) => (/[\s"'$`\\|&;<>(){}*?[\]!#~]/.test(a) ? `'${a.replaceAll("'", "'\\''")}'` : a)).join(' ');

/**
 * The hint built from the first check that fails now. `undefined` when every check passes (the
 * learner should run `kindlab check`), which the command says itself.
 */
export function failingCheckHint(step: Step, outcome: PollOutcome, captures: Record<string, CaptureFile>, namespace: string): Text | undefined {
  for (const capture of outcome.captures) {
    if (capture.value !== undefined) continue;
    const spec = captures[capture.name];
    const from = spec?.from ?? '?';
    const look = quote(['kubectl', '-n', spec?.namespace ?? namespace, 'get', from, ...(spec?.selector ? ['-l', spec.selector] : []), '-o', 'yaml']);
    return {
      ja: `まだ読めない値があります: {{${capture.name}}} (${capture.missing?.ja ?? '値がありません'})。\n  見るもの: ${from} の ${spec?.path ?? ''}\n  実行: ${look}`,
      en: `A value cannot be read yet: {{${capture.name}}} (${capture.missing?.en ?? 'no value'}).\n  Look at: ${from}, field ${spec?.path ?? ''}\n  Run: ${look}`,
    };
  }
  for (const [i, result] of outcome.checks.entries()) {
    const check = step.checks?.[i];
    const failing = result.results.find((r) => !r.verdict.pass);
    if (result.pass || (!failing && !result.notRun)) continue;
    const title = result.title ?? { ja: `確認 ${i + 1}`, en: `check ${i + 1}` };
    const where: Text = check?.read
      ? {
          ja: `オブジェクト ${check.read.from}${check.read.selector ? ` (${check.read.selector})` : ''} の ${check.read.path}`,
          en: `object ${check.read.from}${check.read.selector ? ` (${check.read.selector})` : ''}, field ${check.read.path}`,
        }
      : check?.run?.node !== undefined
        ? { ja: `ノード ${check.run.node} で動かすコマンドの出力`, en: `the output of a command on node ${check.run.node}` }
        : { ja: `Pod ${check?.run?.pod ?? '?'} で動かすコマンドの出力`, en: `the output of a command in Pod ${check?.run?.pod ?? '?'}` };
    const command = quote(result.shown);
    const what: Text = failing
      ? {
          ja: `${failing.key}: 期待 ${failing.verdict.ja?.expected ?? failing.verdict.expected}、実際 ${failing.verdict.ja?.observed ?? failing.verdict.observed}`,
          en: `${failing.key}: expected ${failing.verdict.expected}, observed ${failing.verdict.observed}`,
        }
      : { ja: `実行できませんでした: ${result.notRun!.ja}`, en: `could not run: ${result.notRun!.en}` };
    return {
      ja: `いま通っていない確認: 「${title.ja}」\n  ${what.ja}\n  見るもの: ${where.ja}\n  実行: ${command}`,
      en: `The check that fails now: "${title.en}"\n  ${what.en}\n  Look at: ${where.en}\n  Run: ${command}`,
    };
  }
  return undefined;
}
