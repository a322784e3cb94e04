// ESLint flat config: typescript-eslint's recommended rules for the TypeScript sources,
// with browser globals for the dashboard. No type-aware rules (they need the
// full program and make lint slow); `npm run typecheck` covers types.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', 'data/**', 'test-results/**', '.vitest-data/**', 'dashboard/dist/**', 'dashboard/public/**'],
  },
  {
    files: [
      'gateway/**/*.ts',
      'schemas/**/*.ts',
      'device-sim/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
      'vitest.config.ts',
    ],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: globals.node,
    },
  },
  {
    // The dashboard (Preact, bundled by Vite): browser code.
    files: ['dashboard/src/**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: globals.browser,
    },
  },
  {
    files: ['dashboard/vite.config.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    // Config files at the root: this one (ESM) and .dependency-cruiser.cjs (CommonJS).
    files: ['*.js', '*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
