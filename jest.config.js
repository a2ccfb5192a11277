// Two projects: unit tests are pure and fast; integration tests share one real Kafka broker and one
// dynalite, started once by the global setup (see test/integration/globalSetup.ts).
const transform = { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] };

/** @type {import('jest').Config} */
module.exports = {
  // Integration tests talk to a real broker; a unit test never comes near this.
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/globalSetup.ts',
      globalTeardown: '<rootDir>/test/integration/globalTeardown.ts',
      setupFiles: ['<rootDir>/test/integration/setupEnv.ts'],
    },
  ],
};
