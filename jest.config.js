// One Jest configuration, three tiers (see STYLE.md): unit specs beside the code, integration
// specs on a real database, e2e specs over HTTP. Jest runs in ESM mode because NestJS 12 is ESM-only.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const ESM_REQUIRED_FROM_CJS = ['cookie', 'content-disposition'];

const shared = {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
    // ESM-only packages that CommonJS dependencies require(): Jest's module sandbox cannot
    // require ESM on Node 20 (Node 22+ can), so these are compiled to CommonJS for tests.
    [`/node_modules/(${ESM_REQUIRED_FROM_CJS.join('|')})/.+\\.js$`]: [
      '@swc/jest',
      { module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_REQUIRED_FROM_CJS.join('|')})/)`],
  moduleNameMapper: {
    '^@fair-recruit/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/', '<rootDir>/extension/build/'],
};

export default {
  // Generous: integration and e2e files start a fresh database each, on a 2-core machine that may be
  // busy. A test that hangs still fails; timing is measured by benchmarks, never asserted here.
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{libs,apps}/*/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'extension',
      testEnvironment: 'jsdom',
      setupFiles: ['<rootDir>/extension/src/testing/chrome-i18n.ts'],
      testMatch: ['<rootDir>/extension/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/{libs,apps}/*/src/**/*.integration-spec.ts',
        '<rootDir>/test/**/*.integration-spec.ts',
      ],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.mjs',
      globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
    },
  ],
};
