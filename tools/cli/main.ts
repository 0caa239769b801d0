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
  runs: { type: "string" },
} as const satisfies ParseArgsConfig["options"];

export type CliOptions = ReturnType<typeof parse>["values"];

type OptionName = keyof typeof OPTIONS;

/** The options each command takes, besides --help and --version. */
const COMMAND_OPTIONS: Record<string, readonly OptionName[]> = {
  gen: ["check"],
  list: ["json"],
  check: ["scenario", "all", "engine", "json", "format", "out", "workers", "jobs", "shard", "timeout", "trace-source", "heap", "memory", "no-replay", "no-cross-check"],
  trace: ["protocol", "scenario", "format", "json", "out"],
  simulate: ["scenario", "steps", "seed", "runs", "json"],
  doctor: ["json"],
  tlc: [],
  help: [],
};

/** The option of `known` nearest to `given` (at most two edits away), for "did you mean". */
function nearest(given: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length]!;
  };
  const best = known.map((k) => ({ k, d: distance(given, k) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= 2 ? best.k : undefined;
}

function unknownOption(flag: string, command: string | undefined): number {
  const known = command && COMMAND_OPTIONS[command] ? COMMAND_OPTIONS[command] : Object.keys(OPTIONS);
  const name = flag.replace(/^-+/, "").split("=")[0]!;
  const guess = nearest(name, known);
  return usageError(`${command && COMMAND_OPTIONS[command] ? `${command}: ` : ""}unknown option ${flag}${guess ? `; did you mean --${guess}?` : ""}`);
}

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    const flag = /Unknown option '([^']+)'/.exec((e as Error).message)?.[1];
    if (flag) return unknownOption(flag, argv.find((a) => !a.startsWith("-")));
    return usageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  const allowed = command ? COMMAND_OPTIONS[command] : undefined;
  if (allowed) {
    for (const key of Object.keys(values) as OptionName[]) {
      if (key !== "help" && key !== "version" && !allowed.includes(key)) {
        const guess = nearest(key, allowed);
        return usageError(`${command} does not take --${key}${guess ? `; did you mean --${guess}?` : allowed.length ? ` (it takes ${allowed.map((o) => `--${o}`).join(", ")})` : ""}`);
      }
    }
  }
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
