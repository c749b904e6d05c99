// The terminal side of a guided session: headers, texts, task progress, check reports, prompts.
import type { ChallengeChoice, SessionUI } from '../engine/session.js';
import { renderDiagramText } from './map/diagram-text.js';
import { diagramLabels } from './map/labels.js';
import type { PollOutcome } from '../engine/poll.js';
import type { Step } from '../lessons/model.js';
import { renderOutcome } from './check-report.js';
import { fill, messages } from './messages.js';
import type { Output } from './output.js';
import type { Prompts } from './prompts.js';
import { runTasks, TaskNotPassed } from './run-tasks.js';

export function sessionUI(out: Output, prompts: Prompts, signal: AbortSignal): SessionUI {
  return {
    stepHeader(step, index, total) {
      const kind = step.kind === 'challenge' ? ` ${out.style('yellow', `[${out.t(messages.challenge)}]`)}` : '';
      out.line();
      out.line(out.style('bold', `${out.t(messages.step)} ${index + 1}/${total}: ${out.t(step.title)}`) + kind);
      out.line(out.t(step.say).trimEnd());
      out.event('step', { id: step.id, index, total, kind: step.kind, title: out.t(step.title) });
    },
    async runTasks(tasks) {
      await runTasks(tasks, out, signal);
    },
    async check(step, run) {
      let outcome: PollOutcome | undefined;
      const window = step.consistently ?? step.eventually ?? '30s';
      const title = { ja: fill(messages.checking.ja, { window }), en: fill(messages.checking.en, { window }) };
      try {
        await runTasks(
          [
            {
              title,
              run: async () => {
                outcome = await run();
                // The line must not end with a tick when the check did not pass; the report below says why.
                if (!outcome.pass) throw new TaskNotPassed();
              },
            },
          ],
          out,
          signal,
        );
      } catch (error) {
        if (!(error instanceof TaskNotPassed)) throw error;
      }
      return outcome!;
    },
    showOutcome(step: Step, outcome) {
      renderOutcome(out, outcome, { showOutput: true, hint: step.hint, mode: step.consistently ? 'consistently' : 'eventually' });
    },
    showExplain(step) {
      if (step.explain) out.line(`${out.style('cyan', out.t(messages.explain))}: ${out.t(step.explain).trimEnd()}`);
    },
    showDiagram(step, drawn) {
      if (!drawn.ok) {
        out.warn(fill(out.t(diagramLabels.unavailable), { reason: drawn.reason }));
        return;
      }
      out.event('diagram', { step: step.id, diagram: drawn.diagram });
      out.line(
        renderDiagramText(drawn.diagram, {
          lang: out.lang,
          width: out.columns || 80,
          ascii: out.ascii,
          paint: (style, text) => out.style(style, text),
        }).trimEnd(),
      );
    },
    showTask(step) {
      if (step.task) out.line(`${out.style('yellow', out.t(messages.task))}: ${out.t(step.task).trimEnd()}`);
    },
    showHint(step) {
      if (step.hint) out.line(`${out.style('yellow', out.t(messages.hint))}: ${out.t(step.hint).trimEnd()}`);
      out.event('hint', { step: step.id, hint: step.hint ? out.t(step.hint) : undefined });
    },
    pause: () => prompts.pressEnter(out.t(messages.pressEnter)),
    challenge: (step) =>
      prompts.select<ChallengeChoice>(`${out.t(messages.challengeChoice)} (${step.id})`, [
        { name: out.t(messages.choiceCheck), value: 'check' },
        { name: out.t(messages.choiceHint), value: 'hint' },
        { name: out.t(messages.choiceSolve), value: 'solve' },
        { name: out.t(messages.choiceSkip), value: 'later' },
      ]),
  };
}

export { fill };
