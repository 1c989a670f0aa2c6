#!/usr/bin/env node
// The `gradsheet` command: runs the compiled CLI in build/ (made by `npm run build`).
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const entry = path.join(root, "build", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write(`gradsheet: the CLI is not built (${path.relative(process.cwd(), entry) || entry} is missing): run \`npm run build\` in ${root}\n`);
  process.exitCode = 1;
} else {
  require(entry)
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}
