// A require hook for a child process that runs the TypeScript sources without a build, the way jest does:
// @swc/core's transformSync with jest.config.js's options (CommonJS), and @tessera/<package> mapped to its src folder.
// No maintained register hook (@swc-node/register, @swc/register) is installed; @swc/core is.
const Module = require('node:module');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const OPTIONS = { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' }, sourceMaps: 'inline' };

// Each restart of the server loads the same few hundred files: their output is kept by content hash between runs.
const cache = path.join(os.tmpdir(), 'tessera-crash-test-swc');
fs.mkdirSync(cache, { recursive: true });

function compile(source, filename) {
  const file = path.join(cache, `${createHash('sha256').update(filename).update('\0').update(source).digest('hex')}.js`);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    const { code } = transformSync(source, { ...OPTIONS, filename });
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, file);
    return code;
  }
}

require.extensions['.ts'] = (module, filename) => module._compile(compile(fs.readFileSync(filename, 'utf8'), filename), filename);

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const mapped = /^@tessera\/(metadata|core|runtime)$/.exec(request);
  return resolve.call(this, mapped ? path.join(root, mapped[1], 'src') : request, ...rest);
};
