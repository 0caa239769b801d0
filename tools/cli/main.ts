// The ts2tla command line: parses arguments and calls the stages. No logic of its own.
// Commands are imported when run, so that --help and usage errors answer at once.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { HELP, commandHelp } from "./help.ts";
import { usageError, EXIT } from "./exit.ts";

const OPTIONS = {
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
  scenario: { type: "string", short: "s" },
  all: { type: "boolean" },
  engine: { type: "string" },
  json: { type: "boolean" },
  workers: { type: "string" },
  timeout: { type: "string" },
  "trace-source": { type: "string" },
  format: { type: "string" },
  out: { type: "string" },
  heap: { type: "string" },
  memory: { type: "string" },
  jobs: { type: "string" },
  shard: { type: "string" },
  "no-replay": { type: "boolean" },
  "no-cross-check": { type: "boolean" },
  check: { type: "boolean" },
  protocol: { type: "string" },
  steps: { type: "string" },
  seed: { type: "string" },
} as const satisfies ParseArgsConfig["options"];

export type CliOptions = ReturnType<typeof parse>["values"];

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    return usageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    process.stdout.write(`ts2tla ${(await import("../../package.json", { with: { type: "json" } })).default.version}\n`);
    return EXIT.ok;
  }
  if (!command || command === "help") {
    process.stdout.write(rest[0] ? commandHelp(rest[0]) : HELP);
    return command || values.help ? EXIT.ok : EXIT.badInput;
  }
  if (values.help) {
    process.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  switch (command) {
    case "gen":
      return (await import("./gen.ts")).runGen(values, rest);
    case "list":
      return (await import("./list.ts")).runList(values, rest);
    case "check":
      return (await import("./check.ts")).runCheck(values, rest);
    case "trace":
      return (await import("./trace.ts")).runTrace(values, rest);
    case "simulate":
      return (await import("./simulate.ts")).runSimulate(values, rest);
    case "doctor":
      return (await import("./doctor.ts")).runDoctor(values, rest);
    case "tlc":
      if (rest[0] !== "install") return usageError(`unknown command 'tlc ${rest[0] ?? ""}'; did you mean 'tlc install'?`);
      return (await import("./tlcInstall.ts")).runTlcInstall();
    default:
      return usageError(`unknown command '${command}'`);
  }
}
