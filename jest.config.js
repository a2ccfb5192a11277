// Three projects: unit tests are pure and fast; integration tests share one real Kafka broker and one
// dynalite, started once by the global setup (see test/integration/globalSetup.ts); reliability
// scenarios get the same, and those that crash, stop or freeze a broker start private ones
// (`npm run test:reliability`, not part of `npm test`: docs/RELIABILITY.md).
const transform = {
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  // The ESM-only second Kafka client (lib/eventLog/platformaticProducer.ts), see the transformer.
  '/node_modules/@platformatic/.+\\.js$': '<rootDir>/test/support/esmTransform.js',
};
const transformIgnorePatterns = ['/node_modules/(?!@platformatic/)'];

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests talk to a real broker; a unit test never comes near this.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/globalSetup.ts',
      globalTeardown: '<rootDir>/test/integration/globalTeardown.ts',
      setupFiles: ['<rootDir>/test/integration/setupEnv.ts'],
    },
    {
      displayName: 'reliability',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/reliability/**/*.test.ts'],
      globalSetup: '<rootDir>/test/reliability/globalSetup.ts',
      globalTeardown: '<rootDir>/test/reliability/globalTeardown.ts',
      setupFiles: ['<rootDir>/test/reliability/setupEnv.ts'],
    },
  ],
};
