// Learner text now lives in core/text.ts (the bottom layer). Files still importing it from here
// (cli/app.ts, cli/help.ts, cli/main.ts, cli/commands/hint.ts, state/*) switch to core/text.js when next edited.
export * from '../core/text.js';
