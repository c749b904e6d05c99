// ESLint (flat config): the recommended JavaScript and typescript-eslint rules over src/, test/ and scripts/.
// Import cycles and layer direction are judged by dependency-cruiser (.dependency-cruiser.cjs), which
// follows type-only and lazy imports too. Style (quotes, wrapping) is Prettier's job, not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'fetch', 'AbortController', 'AbortSignal', 'setTimeout', 'clearTimeout', 'module', 'require', '__dirname'].map(
    (name) => [name, 'readonly'],
  ),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      // Parsers and renderers match terminal escapes and control bytes on purpose (ANSI colours, NUL in output).
      'no-control-regex': 'off',
      // `_name` marks a parameter kept for the signature's sake.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // TypeScript itself reports undefined names, with the right lib and @types/node.
    files: ['**/*.ts'],
    rules: { 'no-undef': 'off' },
  },
  {
    // CommonJS config files (.dependency-cruiser.cjs) load modules with require().
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests and fakes build partial objects and read untyped JSON; `any` there is deliberate.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
