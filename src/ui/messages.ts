// Every CLI message a learner reads, in Japanese and English. A test fails if one lacks either.
import type { Text } from '../lab/text.js';

const m = (ja: string, en: string): Text => ({ ja, en });

export const messages = {
  expected: m('期待', 'expected'),
  observed: m('実際', 'observed'),
  differs: m('違い', 'differs'),
  diffLegend: m('- 期待した行 / + 実際の行', '- expected line / + observed line'),
  notRun: m('実行できませんでした', 'could not run'),
  stepPassed: m('このステップは合格です', 'step passed'),
  failedEventually: m('期限までに条件を満たしませんでした ({tries} 回試行, {time})', 'not true by the deadline ({tries} tries, {time})'),
  failedConsistently: m('ずっと成り立つはずの条件が崩れました ({tries} 回目, {time})', 'did not hold throughout ({tries} tries, {time})'),
  interrupted: m('中断しました。進捗は保存されています。`kindlab start {lesson}` で再開できます。', 'Interrupted. Progress is saved; resume with `kindlab start {lesson}`.'),
  interrupting: m('中断しています… (もう一度 Ctrl-C で強制終了)', 'Interrupting… (Ctrl-C again to force quit)'),
  unknownCommand: m('不明なコマンドです: {name}', 'unknown command: {name}'),
  seeHelp: m('使い方は `kindlab --help` を見てください。', 'See `kindlab --help`.'),
  unknownLesson: m('レッスン "{name}" が見つかりません。`kindlab list` で一覧を表示できます。', 'No lesson "{name}". `kindlab list` shows them all.'),
  unknownStep: m('ステップ "{name}" はこのレッスンにありません (ステップ: {steps})。', 'No step "{name}" in this lesson (steps: {steps}).'),
  lessonInvalid: m('レッスンファイルに誤りがあります。クラスタには何もしていません。', 'The lesson file has errors; nothing was done to the cluster.'),
  validateOk: m('{count} 個のレッスンに問題はありません', '{count} lesson(s) valid'),
  validateFailed: m('{count} 件のエラー', '{count} error(s)'),
  noLessons: m('{dir} にレッスンがありません', 'No lessons in {dir}'),
  step: m('ステップ', 'Step'),
  challenge: m('課題', 'Challenge'),
  task: m('やること', 'Your task'),
  hint: m('ヒント', 'Hint'),
  explain: m('解説', 'What you saw'),
  pressEnter: m('Enter で次へ (q で終了)', 'Press Enter to go on (q to quit)'),
  challengeChoice: m('どうしますか?', 'What next?'),
  choiceCheck: m('確認する (kindlab check)', 'Check my work (kindlab check)'),
  choiceHint: m('ヒントを見る', 'Show a hint'),
  choiceSolve: m('解答を適用する (kindlab solve)', 'Apply the reference solution (kindlab solve)'),
  choiceSkip: m('あとで (進捗を保存して終了)', 'Later (save progress and quit)'),
  challengeOpen: m('課題は未完了です。できたら `kindlab check {lesson}` で確認できます。', 'Challenge open. When done, run `kindlab check {lesson}`.'),
  lessonDone: m('レッスン {lesson} 完了! 次は `kindlab start {next}`', 'Lesson {lesson} complete! Next: `kindlab start {next}`'),
  lessonDoneLast: m('レッスン {lesson} 完了!', 'Lesson {lesson} complete!'),
  replaying: m('このレッスンの名前空間がありません (クラスタが作り直されたようです)。前のステップの操作をやり直してから再開します。', 'This lesson\'s namespace is gone (the cluster was recreated?); re-running the earlier steps, then resuming.'),
  resumeAt: m('ステップ {step} から再開します', 'Resuming at step {step}'),
  dryRunHeader: m('ドライラン: 実行するコマンドを表示するだけで、クラスタには触れません', 'Dry run: prints every command; touches no cluster'),
  noCurrentLesson: m('進行中のレッスンがありません。`kindlab start <レッスン>` で始めてください。', 'No lesson in progress. Begin with `kindlab start <lesson>`.'),
  notAChallenge: m('ステップ {step} は課題ではありません (解答はありません)。', 'Step {step} is not a challenge (it has no solution).'),
  solved: m('解答を適用しました。確認します…', 'Reference solution applied. Checking…'),
  hintsUsed: m('ヒント', 'hints'),
  statusNone: m('まだ何も始めていません。`kindlab list` でレッスンを見てください。', 'Nothing started yet. See the lessons with `kindlab list`.'),
  statusDone: m('完了', 'done'),
  statusInProgress: m('進行中', 'in progress'),
  statusNotStarted: m('未着手', 'not started'),
  statusNext: m('次', 'Next'),
  resetDone: m('レッスン {lesson} をリセットしました ({time})', 'Lesson {lesson} reset ({time})'),
  clusterError: m('クラスタに接続できません: {message}', 'Cannot reach the cluster: {message}'),
  tryThis: m('試してください', 'Try'),
  profileUnsupported: m('レッスン {lesson} はプロファイル {profile} に対応していません (対応: {profiles})。', 'Lesson {lesson} does not support profile {profile} (supported: {profiles}).'),
  stepFailedAction: m('ステップ {step} の操作が失敗しました: {message}', 'An action of step {step} failed: {message}'),
  menuPick: m('レッスンを選んでください', 'Pick a lesson'),
  menuResume: m('{lesson} のステップ {step} から再開', 'Resume {lesson} at step {step}'),
  menuQuit: m('終了', 'Quit'),
  minutes: m('分', 'min'),
  profiles: m('プロファイル', 'profiles'),
  parseUnknownFormat: m('不明な形式です: {format} (使える形式: {formats})', 'Unknown format {format} (formats: {formats})'),
};

export type MessageKey = keyof typeof messages;

export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
