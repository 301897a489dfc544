// One linter for the whole tree. Rules that catch real faults (a promise
// nobody awaits, a switch that misses a kind, a value never used, a hook with
// stale dependencies) are errors; rules about taste are left to Prettier or
// off. Typed rules read the types through tsconfig.json; the .js/.mjs files,
// which it does not include, get TypeScript's default project.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig([
  // generated or recorded, never written by hand (node_modules is always ignored)
  globalIgnores(['dist/', 'test-results/', 'scratch/', 'data/', '.bench-data/', 'bench/results/']),

  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The promise rules are on through recommendedTypeChecked:
      // no-floating-promises (`void` marks a deliberate fire-and-forget),
      // await-thenable, no-unused-expressions. Set here where the default
      // does not fit:

      // React discards what an event handler returns, and the async handlers
      // (`onSubmit={submit}`) catch their own errors into state; promises
      // passed where a callback's return is ignored elsewhere (setTimeout,
      // addEventListener, forEach) are still reported.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // a `default:` does not make a switch over a union exhaustive: a new
      // kind, event type or status must be handled where it is switched on
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          // `const { password, ...rest } = user` leaves a field out on purpose
          ignoreRestSiblings: true,
        },
      ],
      // `return promise` inside try/catch skips the catch: only that is reported
      '@typescript-eslint/return-await': ['error', 'error-handling-correctness-only'],
      // `x == null` covers null and undefined; every other comparison is ===
      eqeqeq: ['error', 'smart'],

      // Off:
      // Interfaces declare methods in shorthand (`close(): Promise<void>`) but
      // are implemented with closures, and nothing outside AppError uses
      // `this` (functions over classes); passing `thread.loadOlder` or
      // `events.add` is safe, so every report would be a false one.
      '@typescript-eslint/unbound-method': 'off',
      // `async` without `await` is deliberate here: Fastify plugins must be
      // async functions, and interface methods that return Promise are async
      // even when one implementation has nothing to wait for.
      '@typescript-eslint/require-await': 'off',
    },
  },

  {
    // Plain JavaScript has no annotations, so its parameters are `any`; and
    // tests read untyped values (`inject().json()`, JSON.parse, a rejection's
    // reason) and check their shape with expect(), where a wrong shape fails
    // the assertion: typing every one would be ceremony without safety.
    files: ['**/*.{js,mjs}', 'test/**/*.ts', 'src/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    // Only the two hooks rules: the plugin's other recommended rules
    // (set-state-in-effect, refs, immutability, use-memo, ...) check readiness
    // for the React Compiler, which these apps do not use.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  // last: turns off every rule that would fight Prettier over layout
  prettier,
]);
