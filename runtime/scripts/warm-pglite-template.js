#!/usr/bin/env node
// Part of the build: makes the cached PGlite initdb tarball, so the first `tessera start` on a new data folder skips initdb.
require('../dist/src/db/pglite-template').initdbTemplate().catch((error) => {
  console.error(`could not make the PGlite template: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
