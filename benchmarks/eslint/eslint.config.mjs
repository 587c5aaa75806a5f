// ESLint equivalents of three cio-lint rules, used only by the benchmark: CIO201
// (millisecond timestamp), CIO101 (the App API client given the Track API key) and CIO104
// (a region given as a string). They are syntax selectors: unlike cio-lint they do not
// prove that a call reaches a Customer.io client, which favours ESLint in the timings.
// Run with the corpus as the working directory (`eslint -c THIS_FILE .`); the parser is
// loaded from the benchmark's npm folder (CIO_BENCH_NPM, default benchmarks/out/npm).
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const npm = process.env.CIO_BENCH_NPM ?? fileURLToPath(new URL("../out/npm/", import.meta.url));
const require = createRequire(join(npm, "package.json"));
const typescriptParser = require("@typescript-eslint/parser");

const restricted = [
  "error",
  {
    selector:
      "Property[key.name=/^(timestamp|created_at|[a-z_]+_at)$/] > CallExpression.value" +
      "[callee.object.name='Date'][callee.property.name='now']",
    message: "Millisecond timestamp sent to Customer.io, which expects seconds",
  },
  {
    selector:
      "NewExpression[callee.name='APIClient'] MemberExpression[object.object.name='process']" +
      "[object.property.name='env'][property.name=/TRACK_API_KEY$/]",
    message: "The App API client is given the Track API key",
  },
  {
    selector:
      "NewExpression[callee.name=/^(TrackClient|APIClient)$/] > ObjectExpression > " +
      "Property[key.name='region'] > Literal.value[value=/./]",
    message: "region must be RegionUS or RegionEU, not a string",
  },
];

export default [
  {
    files: ["**/*.{js,jsx,mjs,cjs}"],
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: { "no-restricted-syntax": restricted },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts}"],
    languageOptions: { parser: typescriptParser },
    rules: { "no-restricted-syntax": restricted },
  },
];
