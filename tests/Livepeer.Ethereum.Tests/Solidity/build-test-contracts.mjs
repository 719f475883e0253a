// Compiles the test-only contracts next to this script (imports resolved against contracts/src and
// contracts/node_modules) with the project's pinned solc, into <out>/<Name>.json in the format of contracts/build.mjs.
// Usage: node build-test-contracts.mjs <repository root> <out directory>
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const [root, outDir] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const contracts = join(root, "contracts");
const solc = createRequire(join(contracts, "package.json"))("solc");

const sources = Object.fromEntries(
  readdirSync(here).filter((f) => f.endsWith(".sol")).map((f) => [f, { content: readFileSync(join(here, f), "utf8") }]));
const findImports = (path) => {
  for (const dir of [join(contracts, "src"), join(contracts, "node_modules")]) {
    if (existsSync(join(dir, path))) return { contents: readFileSync(join(dir, path), "utf8") };
  }
  return { error: `import not found: ${path}` };
};
const settings = {
  optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object", "evm.methodIdentifiers"] } },
};
const output = JSON.parse(solc.compile(JSON.stringify({ language: "Solidity", sources, settings }), { import: findImports }));
const problems = (output.errors ?? []).filter((e) => e.severity === "error" || e.severity === "warning");
if (problems.length > 0) {
  for (const e of problems) process.stderr.write(`${e.formattedMessage}\n`);
  process.exit(1);
}
mkdirSync(outDir, { recursive: true });
for (const file of Object.keys(sources)) {
  for (const [name, c] of Object.entries(output.contracts[file])) {
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify({
      contractName: name, sourceName: file, abi: c.abi, bytecode: "0x" + c.evm.bytecode.object,
      deployedBytecode: "0x" + c.evm.deployedBytecode.object, methodIdentifiers: c.evm.methodIdentifiers,
    }));
  }
}
