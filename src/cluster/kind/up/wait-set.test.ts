// The waits of `up` run side by side. Proved by order, not time: a fake port records when each
// command starts and ends and holds every command until the test lets it finish, so "B started
// before A ended" is an observed fact, and the most commands running at once is counted.
import { describe, expect, it } from 'vitest';
import { heldPort, settle } from '../../../../test/fakes/up-steps.js';
import { CommandFailed } from '../../process.js';
import { concurrentWaits, type WaitSpec } from './wait-set.js';

const spec = (name: string, after: string[] = [], timeoutMs = 1000): WaitSpec => ({
  name,
  title: { ja: name, en: name },
  argv: ['kubectl', 'wait', name],
  timeoutMs,
  what: `waiting for ${name}`,
  after,
});

describe('waits that do not depend on each other run at once', () => {
  it('independent waits start together; one that needs another starts the moment that one succeeds; each keeps its deadline', async () => {
    const port = heldPort();
    const [nodes, cni, dns] = concurrentWaits([spec('nodes', [], 315_000), spec('cni', [], 315_000), spec('dns', ['nodes'], 195_000)]);
    const signal = new AbortController().signal;
    const first = nodes!.execute(port.io, signal);
    await settle();
    expect(port.events).toEqual(['start nodes', 'start cni']);
    await port.finish('nodes');
    await first;
    expect(port.events).toEqual(['start nodes', 'start cni', 'end nodes', 'start dns']);
    await port.finish('dns');
    await port.finish('cni');
    await cni!.execute(port.io, signal);
    await dns!.execute(port.io, signal);
    expect(port.events).toEqual(['start nodes', 'start cni', 'end nodes', 'start dns', 'end dns', 'end cni']);
    expect(port.mostAtOnce()).toBe(2);
    expect(Object.fromEntries(port.timeouts)).toEqual({ nodes: 315_000, cni: 315_000, dns: 195_000 });
  });

  it("each task reports its own wait's duration, not how long it waited for its turn in the list", async () => {
    let clock = 0;
    const port = heldPort();
    const tasks = concurrentWaits([spec('nodes'), spec('cni'), spec('dns', ['nodes'])], () => clock);
    const signal = new AbortController().signal;
    const first = tasks[0]!.execute(port.io, signal);
    await settle();
    clock = 10;
    await port.finish('nodes');
    await first;
    clock = 15;
    await port.finish('dns');
    clock = 30;
    await port.finish('cni');
    for (const task of tasks.slice(1)) await task.execute(port.io, signal);
    expect(tasks.map((t) => t.ownDuration!())).toEqual([10, 30, 5]);
  });

  it("a failing wait fails its own task with kubectl's words, and stops the waits still running; one that needed it never starts", async () => {
    const port = heldPort();
    const [nodes, cni] = concurrentWaits([spec('nodes'), spec('cni'), spec('dns', ['nodes'])]);
    const failed = nodes!.execute(port.io, new AbortController().signal).catch((e: unknown) => e);
    await settle();
    await port.finish('nodes', { exitCode: 1, stderr: 'error: timed out waiting for the condition on nodes/kindlab-worker' });
    const err = (await failed) as CommandFailed;
    expect(err).toBeInstanceOf(CommandFailed);
    expect(err.what).toBe('waiting for nodes');
    expect(err.output).toContain('timed out waiting for the condition on nodes/kindlab-worker');
    await settle();
    expect(port.signals.get('cni')!.aborted).toBe(true);
    expect(port.events).toEqual(['start nodes', 'start cni', 'end nodes', 'end cni']);
    expect(cni!.title.en).toBe('cni');
  });

  it('Ctrl-C stops every wait', async () => {
    const port = heldPort();
    const [nodes] = concurrentWaits([spec('nodes'), spec('cni')]);
    const ctrlC = new AbortController();
    const running = nodes!.execute(port.io, ctrlC.signal).catch((e: unknown) => e);
    await settle();
    ctrlC.abort();
    await settle();
    expect(port.signals.get('nodes')!.aborted).toBe(true);
    expect(port.signals.get('cni')!.aborted).toBe(true);
    expect(await running).toBeInstanceOf(CommandFailed);
  });

  it('a wait may only come after an earlier one', () => {
    expect(() => concurrentWaits([spec('dns', ['nodes']), spec('nodes')])).toThrow('dns comes after nodes');
    expect(() => concurrentWaits([spec('nodes'), spec('nodes')])).toThrow('listed twice');
  });
});
