import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { selfTestLesson, type SelfTestResult } from '../../engine/self-test.js';
import { formatDuration } from '../../lessons/duration.js';
import type { Lesson } from '../../lessons/model.js';
import { expandProfiles, isProfile, PROFILES } from '../../lessons/profile-names.js';
import { renderOutcome } from '../../ui/check-report.js';
import { junitXml } from '../../ui/junit.js';
import { runTasks } from '../../ui/run-tasks.js';
import { allLessons } from '../lessons.js';
import { padColumns, widestOf } from '../../ui/columns.js';
import { errorText } from '../../ui/error-text.js';
import { fill, fillText, messages } from '../../ui/messages.js';
import type { View } from '../../ui/output.js';
import { EXIT, UsageError, type Command } from '../command.js';
import type { testOptions } from './options.js';
import { runUp } from '../cluster-setup.js';
import { engineFor } from '../lesson-context.js';

const resultsView: View<SelfTestResult[]> = {
  json: (results) => ({
    results: results.map(({ failure, ...r }) => ({
      ...r,
      failure: failure && { step: failure.step, reason: failure.reason, diagnostics: failure.diagnostics },
    })),
  }),
  text(results, out) {
    const [lessonHead = '', profileHead = '', resultHead = '', timeHead = ''] = out.t(messages.selfTestColumns).split('|');
    const label = {
      passed: messages.selfTestPassed,
      failed: messages.selfTestFailed,
      broken: messages.selfTestBroken,
      bypassable: messages.selfTestBypassable,
    };
    const widths = [
      widestOf([lessonHead, ...results.map((r) => r.lesson)]),
      widestOf([profileHead, ...results.map((r) => r.profile)]),
      widestOf([resultHead, ...Object.values(label).map((l) => out.t(l))]),
    ];
    out.line(`\n${padColumns(lessonHead, widths[0]!)} ${padColumns(profileHead, widths[1]!)} ${padColumns(resultHead, widths[2]!)} ${timeHead}`);
    for (const r of results) {
      const word = padColumns(out.t(label[r.status]), widths[2]!);
      const mark = r.status === 'passed' ? out.style('green', word) : out.style('red', word);
      out.line(`${padColumns(r.lesson, widths[0]!)} ${padColumns(r.profile, widths[1]!)} ${mark} ${formatDuration(r.durationMs)}`);
    }
  },
};

export const test: Pick<Command<typeof testOptions>, 'run'> = {
  async run(app, args) {
    const { lessons: all, failures } = await allLessons(app, { schemas: true });
    if (failures.length) throw new UsageError(failures.flatMap((f) => f.errors.map((e) => errorText(e, app.lang))).join('\n'));
    const chosen: Lesson[] = args.positionals.length ? await Promise.all(args.positionals.map((name) => app.lesson(name))) : all;
    const profiles = args.values.profile ?? [];
    for (const p of profiles) if (!isProfile(p)) throw new UsageError(fillText(messages.profileChoice, { profiles: PROFILES.join(', '), value: p }));
    const results: SelfTestResult[] = [];
    const rounds = profiles.length ? profiles : [undefined];
    for (const profile of rounds) {
      if (profile) {
        const code = await runUp(app, { profile, yes: true, preload: false, consent: 'recreate' });
        if (code !== EXIT.ok) return code;
      }
      const cluster = await app.openCluster();
      for (const lesson of chosen) {
        if (!(expandProfiles(lesson.profiles) as string[]).includes(cluster.profile)) continue;
        app.out.line(app.out.style('bold', `\n▶ ${lesson.id} (${cluster.profile})`));
        const ctx = await engineFor(app, lesson, cluster);
        const result = await selfTestLesson(ctx, {
          runTasks: (tasks) => runTasks(tasks, app.out, app.signal).then(() => undefined),
          now: Date.now,
          wrongFixRejected: (_step, wrong) => app.out.line(app.out.style('green', `✓ ${fill(app.out.t(messages.selfTestWrongFixRejected), { id: wrong.id })}`)),
        });
        results.push(result);
        if (result.failure) {
          const was = {
            broken: messages.selfTestWasBroken,
            bypassable: messages.selfTestWasBypassable,
            failed: messages.selfTestWasFailed,
            passed: messages.selfTestWasFailed,
          };
          const status = app.out.t(was[result.status]);
          app.out.error(
            fill(app.out.t(messages.selfTestFailedAt), { lesson: lesson.id, status, step: result.failure.step, reason: app.out.t(result.failure.text) }),
          );
          if (result.failure.outcome) renderOutcome(app.out, result.failure.outcome, { showOutput: true, mode: 'eventually' });
          for (const line of result.failure.diagnosticsText) app.out.line(`  ${app.out.t(line)}`);
        }
      }
    }
    if (args.values.junit) await writeFile(path.resolve(args.values.junit), junitXml(results));
    app.out.show(resultsView, results);
    if (!results.length) {
      app.out.error(app.out.t(messages.selfTestNoLesson));
      return EXIT.badInput;
    }
    return results.every((r) => r.status === 'passed') ? EXIT.ok : EXIT.checkFailed;
  },
};
