// Compiles one test-only Solidity file with the repository's pinned solcjs and prints {Name: {abi, bytecode}} as JSON.
// Usage: node compile.cjs <repo root> <file.sol>
const path = require("node:path");
const fs = require("node:fs");
const [root, file] = process.argv.slice(2);
const solc = require(path.join(root, "contracts", "node_modules", "solc"));
const input = {
  language: "Solidity",
  sources: { [path.basename(file)]: { content: fs.readFileSync(file, "utf8") } },
  settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun", outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors || []).filter((e) => e.severity === "error" || e.severity === "warning");
if (errors.length > 0) {
  process.stderr.write(errors.map((e) => e.formattedMessage).join("\n"));
  process.exit(1);
}
const result = {};
for (const contracts of Object.values(output.contracts)) {
  for (const [name, c] of Object.entries(contracts)) result[name] = { abi: c.abi, bytecode: "0x" + c.evm.bytecode.object };
}
process.stdout.write(JSON.stringify(result));
