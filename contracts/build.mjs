// Compiles every contract under src/ with the pinned solcjs and writes one JSON file per contract to out/
// ({ contractName, sourceName, abi, bytecode, deployedBytecode, methodIdentifiers }). out/ is build output (not
// committed); it is rebuilt only when a source under src/, this script or the compiler version changes.
// Usage: node build.mjs [--force]
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

const root = dirname(fileURLToPath(import.meta.url));
const srcDir = join(root, "src");
const outDir = join(root, "out");
const stampFile = join(outDir, ".stamp");
const nodeModules = join(root, "node_modules");

// One compiler configuration for every contract; the gas benchmark and the deployment depend on it.
const settings = {
  optimizer: { enabled: true, runs: 200 },
  viaIR: false,
  evmVersion: "cancun",
  outputSelection: { "*": { "*": ["abi", "evm.bytecode.object", "evm.deployedBytecode.object", "evm.methodIdentifiers"] } },
};

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : path.endsWith(".sol") ? [path] : [];
  });
}

const files = existsSync(srcDir) ? walk(srcDir).sort() : [];
if (files.length === 0) {
  process.stderr.write("No Solidity sources under contracts/src: nothing to compile.\n");
  process.exit(0);
}
const fingerprint = createHash("sha256");
// The compiler's package version, not solc.version(): loading the compiler takes a second, and most runs only check.
fingerprint.update(JSON.parse(readFileSync(join(nodeModules, "solc", "package.json"), "utf8")).version);
fingerprint.update(JSON.stringify(settings));
fingerprint.update(readFileSync(fileURLToPath(import.meta.url)));
for (const file of files) {
  fingerprint.update(relative(root, file));
  fingerprint.update(readFileSync(file));
}
const digest = fingerprint.digest("hex");

if (!process.argv.includes("--force") && existsSync(stampFile) && readFileSync(stampFile, "utf8") === digest) {
  process.exit(0);
}

const solc = require("solc");
const sources = Object.fromEntries(files.map((f) => [relative(srcDir, f), { content: readFileSync(f, "utf8") }]));

// Imports: "@openzeppelin/..." from node_modules, everything else relative to src/.
function findImports(path) {
  const candidates = path.startsWith("@") ? [join(nodeModules, path)] : [join(srcDir, path), join(nodeModules, path)];
  for (const candidate of candidates) {
    if (existsSync(candidate)) return { contents: readFileSync(candidate, "utf8") };
  }
  return { error: `import not found: ${path}` };
}

process.stderr.write(`Compiling ${files.length} Solidity files with solc ${solc.version()}...\n`);
const output = JSON.parse(solc.compile(JSON.stringify({ language: "Solidity", sources, settings }), { import: findImports }));

const errors = (output.errors ?? []).filter((e) => e.severity === "error");
for (const e of output.errors ?? []) {
  // Warnings are errors here too, as in the C# build.
  process.stderr.write(`${e.formattedMessage ?? e.message}\n`);
}
const warnings = (output.errors ?? []).filter((e) => e.severity === "warning" && !(e.sourceLocation?.file ?? "").startsWith("@"));
if (errors.length > 0 || warnings.length > 0) {
  process.stderr.write(`error: ${errors.length} compile errors, ${warnings.length} warnings in contracts/src\n`);
  process.exit(1);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
let count = 0;
for (const [sourceName, contracts] of Object.entries(output.contracts ?? {})) {
  if (sourceName.startsWith("@")) continue;
  for (const [contractName, c] of Object.entries(contracts)) {
    const artifact = {
      contractName,
      sourceName,
      abi: c.abi,
      bytecode: "0x" + c.evm.bytecode.object,
      deployedBytecode: "0x" + c.evm.deployedBytecode.object,
      methodIdentifiers: c.evm.methodIdentifiers,
    };
    writeFileSync(join(outDir, `${contractName}.json`), JSON.stringify(artifact, null, 1));
    count++;
  }
}
writeFileSync(stampFile, digest);
process.stderr.write(`Wrote ${count} contract artifacts to ${relative(resolve(root, ".."), outDir)}/\n`);
