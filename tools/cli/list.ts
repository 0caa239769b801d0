// ts2tla list: protocols and scenarios.
import type { CliOptions } from "./main.ts";
import { EXIT } from "./exit.ts";
import { loadProtocols } from "./protocols.ts";

export async function runList(opts: CliOptions, _args: string[]): Promise<number> {
  const compiled = await loadProtocols();
  if (!compiled) return EXIT.badInput;
  if (opts.json) {
    for (const c of compiled) {
      const scenarios = c.ir.scenarios.map((s) => ({ name: s.name, description: s.description }));
      process.stdout.write(JSON.stringify({ protocol: c.name, file: c.ir.file, module: c.ir.module, scenarios }) + "\n");
    }
    return EXIT.ok;
  }
  for (const c of compiled) {
    process.stdout.write(`${c.name}  (${c.ir.file})\n`);
    for (const s of c.ir.scenarios) process.stdout.write(`  ${s.name}${s.description ? `  ${s.description}` : ""}\n`);
  }
  return EXIT.ok;
}
