// Learner text now lives in core/text.ts (the bottom layer); this file only passes it on. Files still
// importing it from here (`grep -rn lab/text.js src`) switch to core/text.js when next edited.
export * from '../core/text.js';
