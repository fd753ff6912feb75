/** Root jest config: every workspace's tests run against TypeScript sources (no build step). */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/metadata', '<rootDir>/core', '<rootDir>/runtime'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleNameMapper: { '^@tessera/(metadata|core|runtime)$': '<rootDir>/$1/src' },
  transform: { '^.+\\.ts$': swc },
  globalSetup: '<rootDir>/runtime/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/runtime/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
