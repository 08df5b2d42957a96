// Flat ESLint config: typescript-eslint's recommended rules over every TypeScript source, and the
// project's public-surface rule for plugins.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { publicSurfaceRule } from './eslint/public-surface-rule.js';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', 'web-components/dist/**', 'bench/results/**', 'models/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
    plugins: { project: { rules: { 'public-surface': publicSurfaceRule } } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      'project/public-surface': 'error',
    },
  },
);
