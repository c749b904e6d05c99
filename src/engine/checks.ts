// Runs one check (a command in a Pod or on a node, or a read of an object field) and evaluates
// its typed expectations. A probe that could not run is a failed try, never a crash.
import type { Cluster, ExecResult, ExecTarget } from '../cluster/port.js';
import { shownCommands } from '../cluster/shown-commands.js';
import { expandProfiles } from '../lessons/profile-names.js';
import type { CheckFile, ExpectationFile, RunFile } from '../lessons/schema.js';
import { parseDuration } from '../lessons/duration.js';
import type { Text } from '../core/text.js';
import type { Observation, Sample, Verdict } from '../expectations/expectation-kind.js';
import { kindByKey } from '../expectations/index.js';
import { evaluateJsonPath } from '../core/jsonpath.js';
import { toObjectRef } from './refs.js';
import { timeouts } from './timeouts.js';
import { NotExactlyOne, substitute, substituteArgv, UnboundTemplate, type Bindings } from './templating.js';
import { TextError } from '../core/task.js';

export interface ExpectationResult {
  key: string;
  /** Parameters after substitution (what was actually compared). */
  params: unknown;
  verdict: Verdict;
}

export interface CheckResult {
  title?: Text;
  /** The command a learner could type to see the same thing. */
  shown: string[];
  /** stdout of the last sample (stderr appended when stdout is empty), for display. */
  output: string;
  samples: number;
  results: ExpectationResult[];
  /** Set when the check could not even be attempted (capture without value, probe error). */
  notRun?: Text;
  pass: boolean;
}

export interface CheckContext {
  cluster: Cluster;
  namespace: string;
  bindings: Bindings;
  signal?: AbortSignal;
}

export function runTarget(run: Pick<RunFile, 'pod' | 'node' | 'container' | 'namespace'>, ctx: Pick<CheckContext, 'cluster' | 'namespace'>): ExecTarget {
  if (run.node !== undefined) return { node: ctx.cluster.nodeName(run.node) };
  return { pod: run.pod!, namespace: run.namespace ?? ctx.namespace, ...(run.container ? { container: run.container } : {}) };
}

/**
 * Runs a command `repeat` times and returns every sample: in one exec when the cluster can repeat
 * it at the target (one process start whatever the count), else one exec per sample, a few at once.
 */
export async function runSamples(run: RunFile, ctx: CheckContext): Promise<{ shown: string[]; samples: Sample[] }> {
  const resolved = { ...run, ...substitute({ pod: run.pod, node: run.node, namespace: run.namespace, container: run.container }, ctx.bindings) };
  const argv = substituteArgv(run.argv, ctx.bindings);
  const target = runTarget(resolved, ctx);
  const timeoutMs = (run.timeout && parseDuration(run.timeout)) || timeouts.execMs;
  const count = run.repeat ?? 1;
  const toSample = (r: ExecResult): Sample => ({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode, timedOut: r.timedOut });
  if (count > 1 && ctx.cluster.execRepeated) {
    const results = await ctx.cluster.execRepeated(target, argv, count, { timeoutMs, signal: ctx.signal });
    if (results) return { shown: shownCommands(ctx.cluster.context).exec(target, argv), samples: results.map(toSample) };
  }
  const samples: Sample[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const result = await ctx.cluster.exec(target, argv, { timeoutMs, signal: ctx.signal });
      samples[index] = toSample(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, count) }, worker));
  return { shown: shownCommands(ctx.cluster.context).exec(target, argv), samples };
}

export function appliesToProfile(item: ExpectationFile, profile: string): boolean {
  if (!item.when) return true;
  const names = Array.isArray(item.when.profile) ? item.when.profile : [item.when.profile];
  return (expandProfiles(names) as string[]).includes(profile);
}

export function expectationKey(item: ExpectationFile): string {
  return Object.keys(item).find((key) => key !== 'when' && (item as Record<string, unknown>)[key] !== undefined)!;
}

/** Evaluates one expectation item against an observation; a bad substituted value fails with why. */
export function evaluateExpectation(item: ExpectationFile, observation: Observation, bindings: Bindings): ExpectationResult {
  const key = expectationKey(item);
  const kind = kindByKey(key)!;
  let params: unknown;
  try {
    params = substitute((item as Record<string, unknown>)[key], bindings);
  } catch (error) {
    if (!(error instanceof NotExactlyOne)) throw error;
    return {
      key,
      params: (item as Record<string, unknown>)[key],
      verdict: { pass: false, expected: key, observed: error.message, ja: { expected: `${key} を評価する`, observed: error.text.ja } },
    };
  }
  const checked = kind.params.safeParse(params);
  if (!checked.success) {
    return {
      key,
      params,
      verdict: {
        pass: false,
        expected: `${key} with valid parameters`,
        observed: JSON.stringify(params),
        differs: checked.error.issues[0]?.message,
        ja: { expected: `${key} の正しいパラメータ (取り込んだ値を確認してください)`, differs: checked.error.issues[0]?.message },
      },
    };
  }
  try {
    return { key, params, verdict: kind.evaluate(checked.data, observation) };
  } catch (error) {
    const message = (error as Error).message;
    return {
      key,
      params,
      verdict: {
        pass: false,
        expected: key,
        observed: `could not evaluate: ${message}`,
        ja: { expected: `${key} を評価する`, observed: `評価できませんでした: ${message}` },
      },
    };
  }
}

const describeOutput = (sample: Sample | undefined) => {
  if (!sample) return '';
  const out = sample.stdout.trimEnd();
  const err = sample.stderr.trimEnd();
  return out && err ? `${out}\n${err}` : out || err;
};

export async function runCheck(check: CheckFile, ctx: CheckContext, profile: string): Promise<CheckResult> {
  const items = check.expect.filter((item) => appliesToProfile(item, profile));
  let observation: Observation;
  let shownCommand: string[];
  try {
    if (check.run) {
      const { shown: command, samples } = await runSamples(check.run, ctx);
      shownCommand = command;
      observation = { samples, profile };
    } else {
      const read = substitute(check.read!, ctx.bindings);
      const ref = toObjectRef(read.from, read.selector, read.namespace ?? ctx.namespace);
      shownCommand = shownCommands(ctx.cluster.context).read(ref, read.path);
      const objects = await ctx.cluster.read(ref, { timeoutMs: timeouts.readMs, signal: ctx.signal });
      const values = objects.map((o) => evaluateJsonPath(o, read.path));
      const value = ref.name ? values[0] : values.flat();
      observation = {
        samples: [{ stdout: value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value), stderr: '', exitCode: 0, timedOut: false }],
        value,
        profile,
      };
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError' || ctx.signal?.aborted) throw error;
    const message = (error as Error).message;
    const said = error instanceof TextError ? error.text : { ja: message, en: message };
    const why: Text =
      error instanceof UnboundTemplate || error instanceof NotExactlyOne
        ? error.text
        : { ja: `実行できませんでした: ${said.ja}`, en: `could not run: ${said.en}` };
    return { title: check.title, shown: [], output: '', samples: 0, results: [], notRun: why, pass: false };
  }
  const results = items.map((item) => evaluateExpectation(item, observation, ctx.bindings));
  const last = observation.samples[observation.samples.length - 1];
  return {
    title: check.title,
    shown: shownCommand,
    output: describeOutput(last),
    samples: observation.samples.length,
    results,
    pass: results.every((r) => r.verdict.pass),
  };
}
