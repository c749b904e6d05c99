import { renderDiagramText } from '../../ui/map/diagram-text.js';
import { indent, type View } from '../../ui/output.js';
import { displayCommand } from '../../cluster/index.js';
import { dryRun } from '../../engine/dry-run.js';
import { runGuided } from '../../engine/session.js';
import { fromScratchTasks } from '../../engine/lesson-reset.js';
import { resumeTasks } from '../../engine/step.js';
import { expandProfiles } from '../../lessons/profile-names.js';
import { fill, messages } from '../../ui/messages.js';
import { unattendedPrompts } from '../../ui/prompts.js';
import { runTasks } from '../../ui/run-tasks.js';
import { sessionUI } from '../../ui/session-ui.js';
import { keepingPictures } from '../pictures.js';
import { EXIT, UsageError, type Command } from '../command.js';
import type { startOptions } from './options.js';
import { chosenProfile } from '../cluster-setup.js';
import { currentLessonName, engineFor, findStep, recorderFor } from '../lesson-context.js';
import { reportSessionEnd } from '../session-end.js';

type DryRunResult = { lesson: string; profile: string; plan: ReturnType<typeof dryRun>; ascii: boolean };

const dryRunView: View<DryRunResult> = {
  json: ({ lesson, profile, plan }) => ({ lesson, profile, ...plan }),
  text({ lesson, profile, plan, ascii }, out) {
    out.line(out.style('dim', `${out.t(messages.dryRunHeader)} (${lesson}, ${profile})`));
    if (JSON.stringify(plan).includes('{{')) out.line(out.style('dim', out.t(messages.dryRunLegend)));
    for (const c of plan.setup) out.line(`  $ ${displayCommand(c)}`);
    for (const step of plan.steps) {
      out.line(`\n[${step.id}]${step.kind === 'challenge' ? ` (${out.t(messages.challenge)})` : ''}`);
      for (const c of step.actions) out.line(`  $ ${displayCommand(c)}`);
      // Each check: its title, its command (once, when the check before ran the same), then its expectations.
      for (const [i, check] of step.checks.entries()) {
        if (check.title) out.line(`  # ${out.t(check.title).trimEnd()}`);
        const same = i > 0 && displayCommand(step.checks[i - 1]!.command) === displayCommand(check.command);
        out.line(same ? out.style('dim', `  ${out.t(messages.dryRunSameCommand)}`) : `  $ ${displayCommand(check.command)}`);
        for (const e of check.expectations) out.line(`      ${out.t(messages.dryRunExpect)} ${e}`);
        for (const e of check.skipped) out.line(out.style('dim', `      (${fill(out.t(messages.dryRunNotOn), { profile })}) ${e}`));
      }
      for (const c of step.solution) out.line(`  ${out.t(messages.dryRunSolve)} $ ${displayCommand(c)}`);
      if (step.diagram)
        out.line(indent(renderDiagramText(step.diagram, { lang: out.lang, width: 78, ascii, paint: (style, text) => out.style(style, text) }).trimEnd(), '  '));
    }
  },
};

export const start: Pick<Command<typeof startOptions>, 'run'> = {
  async run(app, args) {
    const name = args.positionals[0] ?? (await currentLessonName(app))?.lessonId;
    if (!name) throw new UsageError(app.out.t(messages.noCurrentLesson));
    const lesson = await app.lesson(name);
    if (args.values['dry-run']) {
      const supported = expandProfiles(lesson.profiles) as string[];
      const preferred = await chosenProfile(app, args.values.profile);
      const profile = supported.includes(preferred) || args.values.profile ? preferred : supported[0]!;
      const plan = dryRun(lesson, profile, app.clusterName);
      app.out.show(dryRunView, { lesson: lesson.id, profile, plan, ascii: Boolean(args.values.plain) });
      return EXIT.ok;
    }
    const ctx = await engineFor(app, lesson);
    const saved = await currentLessonName(app);
    const fromScratch = Boolean(args.values['from-scratch']);
    const resumeAt = args.values.step ?? (!fromScratch && saved?.lessonId === lesson.id ? saved.stepId : undefined);
    const step = findStep(app, lesson, resumeAt, undefined);
    const index = lesson.steps.indexOf(step);
    const prompts = args.values.yes ? unattendedPrompts() : app.prompts;
    const ui = keepingPictures(app, lesson, sessionUI(app.out, prompts, app.signal));
    app.out.line(app.out.style('bold', `${lesson.id}: ${app.out.t(lesson.title)}`));
    app.out.line(app.out.t(lesson.summary).trimEnd());
    if (index > 0 && !args.values['from-scratch']) app.out.line(fill(app.out.t(messages.resumeAt), { step: step.id }));
    const required = args.values['from-scratch']
      ? await Promise.all((lesson.requires ?? []).map(async (id) => engineFor(app, await app.lesson(id), ctx.cluster)))
      : [];
    const prepare = args.values['from-scratch'] ? { tasks: fromScratchTasks(index, ctx, required), replayed: true } : await resumeTasks(index, ctx);
    if (prepare.replayed && !args.values['from-scratch']) app.out.line(app.out.t(messages.replaying));
    await runTasks(prepare.tasks, app.out, app.signal);
    const end = await runGuided(ctx, index, ui, recorderFor(app, lesson));
    return reportSessionEnd(app, lesson, end);
  },
};
