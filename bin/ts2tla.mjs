#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the toolkit needs no build step.
import { register } from "tsx/esm/api";
register();
const { main } = await import("../tools/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
