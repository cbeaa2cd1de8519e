// Lint: a small rule set that finds real faults (unused code, promises nobody handles, Vue
// template mistakes), not style. `npm run typecheck` checks the types; the type-aware rules here
// use them for faults the compiler lets through.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'data/generated/', 'data/pgdata/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  ...vue.configs['flat/essential'],
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js', 'vitest.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.vue'],
        parser: tseslint.parser,
      },
    },
    rules: {
      // `_name` omits a field from a copy or fills a parameter position on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Forms pass one reactive model to their field groups to fill in; replacing the prop is the fault.
      'vue/no-mutating-props': ['error', { shallowOnly: true }],
      // Noise: `any` comes from JSON.parse and response bodies (zod checks them where it matters) and,
      // in web/, from .vue imports that the TypeScript project service cannot resolve (vue-tsc can).
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Noise: every hit is an async method that implements a Promise-returning interface without awaiting.
      '@typescript-eslint/require-await': 'off',
      // Noise: every hit is String() of an `unknown` tile, audit or chart value narrowed to `{}`.
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    files: ['tests/**'],
    // Tests read answer bodies untyped and assert on them.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // The architecture (docs/ARCHITECTURE.md), checked: web → common ← server, and within the server
  // routes → services → repo → db. A lower layer that imports a higher one is refused here.
  ...layerRule(['common/**'], ['**/server/**', '**/web/**', '**/tests/**'], 'common/ is shared by server and web and imports neither'),
  ...layerRule(['server/**', 'tiles/**', 'data/**', 'scripts/**'], ['**/web/src/**'], 'the server and the builds must not import the web app'),
  ...layerRule(['web/src/**'], ['**/server/**'], 'the web app talks to the server over HTTP only'),
  ...layerRule(['server/services/**'], ['**/routes/**', '**/http/**', '**/web/src/**'], 'services raise DomainError; only routes and http/ know HTTP'),
  ...layerRule(['server/repo/**', 'server/db/**'], ['**/routes/**', '**/http/**', '**/services/**', '**/web/src/**'], 'repo/ and db/ sit below services and routes'),
);

/** Files matching `files` may not import modules matching `banned` (a later, narrower rule replaces an earlier one, so it repeats what still applies). */
function layerRule(files, banned, why) {
  return [{ files, rules: { 'no-restricted-imports': ['error', { patterns: [{ group: banned, message: why }] }] } }];
}
