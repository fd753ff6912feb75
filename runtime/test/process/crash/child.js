// The crash test's server process: the TypeScript sources through the require hook, then serve.ts.
require('./register');
require('./serve.ts');
