// The --help texts. Keep them true to the code: tests compare them with the commands' options.
export const HELP = `ts2tla: typed TypeScript protocol descriptions, compiled to TLA+, checked with TLC

Usage: ts2tla <command> [options]

Commands:
  gen                 compile every protocol under spec-src/ into generated/
  list                list protocols and their scenarios
  check [PROTOCOL]    model-check scenarios (TLC when found, cross-checked with the TS engine; else the TS engine)
  trace FILE          decode a saved TLC run (-tool output or -dumpTrace json) into TS terms
  simulate PROTOCOL   run the protocol's TypeScript with random steps, checking invariants
  doctor              report Java, TLC, the TS engine and the embedded engine
  tlc install         download the pinned TLC release into the per-user cache

Run 'ts2tla <command> --help' for a command's options.
Exit status: 0 all as expected, 1 a property violated unexpectedly, 2 bad input, 3 the checker failed.
`;

const COMMANDS: Record<string, string> = {
  gen: `Usage: ts2tla gen [--check]

Compiles every protocol file under spec-src/ (a .ts file whose default export is protocol(...)) into
generated/<protocol>/: the TLA+ module, one .cfg per scenario (and per witness), and the source map.
Nothing is written when any protocol has errors (reported as file:line:col: TSLAnnn, exit 2).

  --check     write nothing; exit 1 when generated/ is not up to date
`,
  list: `Usage: ts2tla list [--json]

Lists every protocol under spec-src/ with its scenarios.
`,
  check: `Usage: ts2tla check [PROTOCOL] [--scenario NAME | --all] [options]

Checks scenarios of one protocol, or of all protocols with --all and no PROTOCOL.

  -s, --scenario NAME       check one scenario (default: all scenarios of PROTOCOL)
  --all                     every scenario (of every protocol when PROTOCOL is omitted)
  --engine auto|tlc|ts|embedded|both
                            auto (default): TLC when found, else the TS engine;
                            tlc: TLC (cross-checked with the TS engine unless --no-cross-check);
                            ts: the TS engine alone (the protocol's TypeScript as a model checker);
                            embedded: tla-checker on the generated TLA+ (a third opinion; slow);
                            both: TLC and the TS engine, both reports shown, state graphs compared
  --no-cross-check          with TLC, do not also run the TS engine and compare the two state graphs
                            (by default a state one reaches and the other does not is a translation
                            bug: exit 3)
  --json                    one JSON object per scenario on stdout (its counterexamples decoded
                            under traces); no progress display
  --format text|md|html|json|itf
                            text and md: results with each counterexample decoded into TS terms;
                            json: one object per scenario; html: the counterexamples only;
                            itf: one JSON document, the counterexample's ITF trace (an array of
                            them when there are several or none)
  --out FILE                write the results to FILE instead of stdout (its folder must exist);
                            one line on stderr names it when written
  --workers N|auto          TLC worker threads (default 1; auto: one per core)
  --jobs N|auto             check up to N scenarios at the same time (default 1; auto: one per core);
                            results are printed in order; no live progress display when N > 1
  --shard K/N               check only the K-th of N interleaved slices of the scenarios, so that N
                            machines (e.g. a CI matrix) split a sweep; K runs from 1 to N
  --timeout SECONDS         stop a checker run (TLC or the TS engine) after this long (exit 3)
  --trace-source auto|json|text
                            where TLC counterexamples are read from (default auto: the JSON dump
                            when this TLC supports -dumpTrace json, else the -tool text)
  --heap SIZE               TLC's Java heap, e.g. 4g
  --memory SIZE             memory cap per checker run, e.g. 2g: a run whose process grows past it is
                            stopped as out of memory (exit 3); TLC's heap defaults to 60% of it
  --no-replay               do not replay counterexamples through the protocol's TypeScript (by default
                            every counterexample is replayed, and a mismatch is a translation bug: exit 3)

Exit status: 0 every verdict as the scenario expects (properties hold unless 'expect' says violated),
1 otherwise, 2 bad input, 3 the checker failed.
`,
  trace: `Usage: ts2tla trace FILE --protocol NAME [--scenario S] [--format text|md|html|json|itf] [--out FILE]

Decodes a saved TLC run of a generated module (its -tool output, or a -dumpTrace json file) into the
protocol's TypeScript terms: processes, steps, source lines, values and what changed.
`,
  simulate: `Usage: ts2tla simulate PROTOCOL [--scenario S] [--steps N] [--seed K] [--runs N] [--json]

Runs the protocol's TypeScript as a program: a random enabled step at a time (seeded), checking
TypeOK and the scenario's invariants in every state and its action properties on every step.
Exit 1 on a violation.

  --steps N     at most N steps per walk (default 100)
  --seed K      the random seed of the first walk (default: a fresh one, printed)
  --runs N      N random walks, walk i with seed K + i (default 1); stops at the first violation
                and shows that walk, with its seed
`,
  doctor: `Usage: ts2tla doctor [--json]

Reports Java (path, version), TLC (path, version, -dumpTrace json support), the TS engine and the
embedded engine.
`,
  tlc: `Usage: ts2tla tlc install

Downloads the pinned TLC release (v1.7.4) into the per-user cache and verifies its SHA-256.
TLC is found through TLA2TOOLS_JAR, then the per-user cache, then 'tlc' on PATH.
`,
};

export function commandHelp(command: string): string {
  return COMMANDS[command] ?? HELP;
}
