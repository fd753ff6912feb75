#!/usr/bin/env node
// Runs the whole suite the way CI does: generate the metadata types, build the plugins' code, then jest with the flags
// PGlite needs.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const run = (cmd, args, env) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ['metadata/scripts/generate.js']);
// Apps under test load plugins' code as the server does, from their builds (plugins/*/dist). Emitted without checking
// types, which needs the runtime's build; `npm run build` checks them.
for (const dir of fs.readdirSync(path.join(root, 'plugins'))) {
  const config = path.join('plugins', dir, 'tsconfig.json');
  if (fs.existsSync(path.join(root, config))) run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', config, '--noCheck']);
}
// PGlite's CJS build and prettier (loaded by json-schema-to-typescript) use dynamic import(), which jest needs this flag for.
const nodeOptions = [process.env.NODE_OPTIONS, '--experimental-vm-modules', '--disable-warning=ExperimentalWarning']
  .filter(Boolean).join(' ');
run(process.execPath, [require.resolve('jest/bin/jest'), ...process.argv.slice(2)], { NODE_OPTIONS: nodeOptions });
