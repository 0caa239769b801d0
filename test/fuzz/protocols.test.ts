// Fuzzing the whole pipeline with random protocols inside the language: state of booleans, bounded
// ints, string-literal unions and a Pid-or-null; one or two processes or process sets with a few named
// steps, if/else, when() guards, nondet()/oneOf() choices, loops with a step inside, process locals
// that live across steps, and simple invariants. Each protocol is written as a TS file into a
// throwaway project (its node_modules/ts2tla links to this repository) and must
//   (a) compile without diagnostics;
//   (b) give a TLA+ module SANY accepts (TLC tier: all modules in one SANY run);
//   (c) run in the TS runtime: a simulation does not crash, its invariant violations are violations the
//       embedded engine finds too, the engine's counterexample of every violated invariant replays
//       through the runtime, and the runtime reaches as many states as the engine;
//   (d) (TLC tier, fewer runs: CROSS_RUNS) be checked alike by TLC on the TLA+ and the TS engine on the
//       TypeScript: crossCheck finds no problem (the same verdicts, and the same state graph).
// Seeded (TS2TLA_FUZZ_SEED / TS2TLA_FUZZ_SCALE, see helpers.ts): fast-check prints the seed and the
// shrunk protocol's source on a failure.
import { expect } from "chai";
import fc from "fast-check";
import path from "node:path";
import { createProject, moduleText, type CompiledProtocol } from "../../tools/compiler/index.ts";
import { exploreStates, ProtocolRuntime, replayWithRuntime, simulateRuntime } from "../../tools/runtime/index.ts";
import { crossCheck } from "../../tools/verify/crossCheck.ts";
import { checkScenario } from "../../tools/verify/scenario.ts";
import { ProtocolFolder } from "../helpers/protocolFolder.ts";
import { requireTlc } from "../helpers/tlc.ts";
import { checkModel, EVERYTHING, onlyProperty } from "../runtime/helpers.ts";
import { fuzzSettings, sanyRejections, type GeneratedModule } from "./helpers.ts";

const { seed: SEED, scale } = fuzzSettings(606);
const RUNS = Math.ceil(20 * scale);
/** (d) runs TLC (one run per violated invariant, and one that explores everything) and a TS engine process on each: fewer (its examples count). */
const CROSS_RUNS = Math.ceil(10 * scale);
const MAX_STATES = 5_000;

// ---- the protocol model ----

type FieldType = { kind: "bool" } | { kind: "int"; lo: number; hi: number } | { kind: "enum"; values: readonly string[] } | { kind: "pid" };
interface Field {
  name: string;
  type: FieldType;
}

/** Conditions and values are built from "pickers" (numbers) resolved against the fields when rendered. */
type Cond = { k: "atom"; field: number; op: number; arg: number } | { k: "and" | "or"; a: Cond; b: Cond } | { k: "const"; value: boolean };

type Stmt =
  | { k: "assign"; field: number; how: number; arg: number; cond: Cond }
  | { k: "when"; cond: Cond }
  | { k: "if"; cond: Cond; then: Stmt[]; else: Stmt[] }
  | { k: "nondet"; then: Stmt[]; else: Stmt[] }
  | { k: "oneOf"; field: number; pick: number }
  | { k: "local" };

interface Step {
  stmts: Stmt[];
}

type Item = { k: "step"; step: Step } | { k: "while"; cond: Cond; steps: Step[] } | { k: "forever"; steps: Step[]; breakIf: Cond | null };

interface Proc {
  set: boolean;
  /** One or two ids for a process set. */
  size: number;
  items: Item[];
  /** The whole body runs forever. */
  loop: boolean;
  /** A process local (`let n: Int<0, 2>`) that lives across steps. */
  local: boolean;
}

interface Model {
  fields: Field[];
  procs: Proc[];
  invariants: Cond[];
}

// ---- generators ----

const fieldType: fc.Arbitrary<FieldType> = fc.oneof(
  fc.constant({ kind: "bool" as const }),
  fc.integer({ min: 0, max: 2 }).chain((lo) => fc.integer({ min: lo + 1, max: lo + 3 }).map((hi) => ({ kind: "int" as const, lo, hi }))),
  fc.constantFrom(["idle", "busy"], ["red", "green", "amber"]).map((values) => ({ kind: "enum" as const, values })),
  fc.constant({ kind: "pid" as const }),
);

const pickNum = fc.nat({ max: 11 });

const cond: fc.Arbitrary<Cond> = fc.letrec<{ cond: Cond }>((tie) => ({
  cond: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ k: fc.constant("atom" as const), field: pickNum, op: pickNum, arg: pickNum }),
    fc.record({ k: fc.constantFrom("and" as const, "or" as const), a: tie("cond"), b: tie("cond") }),
    fc.record({ k: fc.constant("const" as const), value: fc.boolean() }),
  ),
})).cond;

const stmts: fc.Arbitrary<Stmt[]> = fc.letrec<{ stmt: Stmt; list: Stmt[] }>((tie) => ({
  stmt: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ k: fc.constant("assign" as const), field: pickNum, how: pickNum, arg: pickNum, cond }),
    fc.record({ k: fc.constant("when" as const), cond }),
    fc.record({ k: fc.constant("oneOf" as const), field: pickNum, pick: pickNum }),
    fc.record({ k: fc.constant("local" as const) }),
    fc.record({ k: fc.constant("if" as const), cond, then: tie("list"), else: tie("list") }),
    fc.record({ k: fc.constant("nondet" as const), then: tie("list"), else: tie("list") }),
  ),
  list: fc.array(tie("stmt"), { maxLength: 3, depthIdentifier: "stmts" }),
})).list;

const step: fc.Arbitrary<Step> = fc.record({ stmts });
const steps = fc.array(step, { minLength: 1, maxLength: 2 });
const item: fc.Arbitrary<Item> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ k: fc.constant("step" as const), step }) },
  fc.record({ k: fc.constant("while" as const), cond, steps }),
  fc.record({ k: fc.constant("forever" as const), steps, breakIf: fc.option(cond, { nil: null }) }),
);
const proc: fc.Arbitrary<Proc> = fc.record({
  set: fc.boolean(),
  size: fc.integer({ min: 1, max: 2 }),
  // The body starts with a step: statements before the first step are not allowed.
  items: fc.tuple(step, fc.array(item, { maxLength: 3 })).map(([first, rest]) => [{ k: "step" as const, step: first }, ...rest]),
  loop: fc.boolean(),
  local: fc.boolean(),
});

const model: fc.Arbitrary<Model> = fc.record({
  fields: fc.array(fieldType, { minLength: 1, maxLength: 3 }).map((ts) => ts.map((type, i) => ({ name: `${type.kind}${i}`, type }))),
  procs: fc.array(proc, { minLength: 1, maxLength: 2 }),
  invariants: fc.array(cond, { minLength: 1, maxLength: 2 }),
});

// ---- rendering as a protocol file ----

const PROC_NAMES = ["alpha", "beta"];
const SET_NAMES = ["Alphas", "Betas"];

function literal(t: FieldType, n: number): string {
  switch (t.kind) {
    case "bool":
      return n % 2 === 0 ? "true" : "false";
    case "int":
      return String(t.lo + (n % (t.hi - t.lo + 1)));
    case "enum":
      return JSON.stringify(t.values[n % t.values.length]);
    case "pid":
      return "null";
  }
}

function typeText(t: FieldType): string {
  return t.kind === "bool" ? "boolean" : t.kind === "int" ? `Int<${t.lo}, ${t.hi}>` : t.kind === "enum" ? t.values.map((v) => JSON.stringify(v)).join(" | ") : "Pid | null";
}

class Renderer {
  private labels = 0;
  private temps = 0;

  constructor(
    private readonly m: Model,
    /** In a process body (`self` and the local are in scope), or in a property. */
    private readonly inProcess: { local: boolean } | undefined,
  ) {}

  field(n: number): Field {
    return this.m.fields[n % this.m.fields.length]!;
  }

  cond(c: Cond): string {
    switch (c.k) {
      case "const":
        return String(c.value);
      case "and":
      case "or":
        return `(${this.cond(c.a)} ${c.k === "and" ? "&&" : "||"} ${this.cond(c.b)})`;
      case "atom": {
        const f = this.field(c.field);
        // Read as the declared type: after an `if` on it, TS narrows the field, and a comparison
        // the narrowed type rules out is a type error.
        const x = f.type.kind === "enum" || f.type.kind === "pid" ? `(s.${f.name} as ${typeText(f.type)})` : `s.${f.name}`;
        switch (f.type.kind) {
          case "bool":
            return c.op % 2 === 0 ? x : `!${x}`;
          case "int": {
            if (this.inProcess?.local && c.op % 5 === 4) return `n ${c.arg % 2 === 0 ? "<" : "==="} ${c.arg % 3}`;
            return `${x} ${["<", "===", "!==", ">="][c.op % 4]} ${literal(f.type, c.arg)}`;
          }
          case "enum":
            return `${x} ${c.op % 2 === 0 ? "===" : "!=="} ${literal(f.type, c.arg)}`;
          case "pid":
            if (this.inProcess && c.op % 3 !== 0) return `${x} ${c.op % 3 === 1 ? "===" : "!=="} self`;
            return `${x} ${c.arg % 2 === 0 ? "===" : "!=="} null`;
        }
      }
    }
  }

  /** A value of the field's type (always in range: TypeOK holds). */
  value(f: Field, how: number, arg: number, cond: Cond): string {
    const x = `s.${f.name}`;
    const t = f.type;
    switch (t.kind) {
      case "bool":
        return [literal(t, arg), `!${x}`, this.cond(cond)][how % 3]!;
      case "int":
        return [literal(t, arg), `${x} === ${t.hi} ? ${t.lo} : ${x} + 1`, `Math.min(${x} + 1, ${t.hi})`, `Math.max(${x} - 1, ${t.lo})`, `${t.lo + t.hi} - ${x}`][how % 5]!;
      case "enum":
        return [literal(t, arg), `(${x} as ${typeText(t)}) === ${literal(t, arg)} ? ${literal(t, arg + 1)} : ${literal(t, arg)}`][how % 2]!;
      case "pid":
        return how % 2 === 0 ? "self" : "null";
    }
  }

  stmts(list: Stmt[], indent: string): string[] {
    return list.flatMap((s) => this.stmt(s, indent));
  }

  stmt(s: Stmt, indent: string): string[] {
    switch (s.k) {
      case "assign": {
        const f = this.field(s.field);
        return [`${indent}s.${f.name} = ${this.value(f, s.how, s.arg, s.cond)};`];
      }
      case "when":
        return [`${indent}when(${this.cond(s.cond)});`];
      case "oneOf": {
        const f = this.field(s.field);
        if (f.type.kind === "pid") return [];
        const v = `v${this.temps++}`;
        const values = [literal(f.type, s.pick), literal(f.type, s.pick + 1)];
        return [`${indent}const ${v} = oneOf(setOf<${typeText(f.type)}>(${[...new Set(values)].join(", ")}));`, `${indent}s.${f.name} = ${v};`];
      }
      case "local":
        return this.inProcess?.local ? [`${indent}n = n === 2 ? 0 : n + 1;`] : [];
      case "if":
      case "nondet": {
        const head = s.k === "if" ? this.cond(s.cond) : "nondet()";
        const out = [`${indent}if (${head}) {`, ...this.stmts(s.then, indent + "  ")];
        if (s.else.length) out.push(`${indent}} else {`, ...this.stmts(s.else, indent + "  "));
        return [...out, `${indent}}`];
      }
    }
  }

  step(st: Step, indent: string): string[] {
    return [`${indent}yield "l${this.labels++}";`, ...this.stmts(st.stmts, indent)];
  }

  items(items: Item[], indent: string): string[] {
    return items.flatMap((it) => {
      switch (it.k) {
        case "step":
          return this.step(it.step, indent);
        case "while":
          return [`${indent}while (${this.cond(it.cond)}) {`, ...it.steps.flatMap((st) => this.step(st, indent + "  ")), `${indent}}`];
        case "forever":
          return [
            `${indent}for (;;) {`,
            ...it.steps.flatMap((st) => this.step(st, indent + "  ")),
            ...(it.breakIf ? [`${indent}  if (${this.cond(it.breakIf)}) break;`] : []),
            `${indent}}`,
          ];
      }
    });
  }
}

interface Rendered {
  text: string;
  scenario: string;
  invariants: string[];
}

function render(m: Model): Rendered {
  const sets = m.procs.flatMap((p, i) => (p.set ? [{ name: SET_NAMES[i]!, ids: Array.from({ length: p.size }, (_, k) => `${PROC_NAMES[i]![0]}${k + 1}`) }] : []));
  const procs = m.procs.map((p, i) => {
    const r = new Renderer(m, { local: p.local });
    const inner = p.loop ? "        " : "      ";
    const steps = p.loop ? ["      for (;;) {", ...r.items(p.items, inner), "      }"] : r.items(p.items, inner);
    // Declared only when used: a local no step uses is a statement before the first step (TSLA033).
    const body = [...(steps.some((l) => /\bn\b/.test(l)) ? ["      let n: Int<0, 2> = 0;"] : []), ...steps];
    const head = p.set ? `processSet("${SET_NAMES[i]}", function* (self, s) {` : "process(function* (self, s) {";
    return [`    ${PROC_NAMES[i]}: ${head}`, ...body, "    }),"].join("\n");
  });
  const props = new Renderer(m, undefined);
  const invariants = m.invariants.map((_, i) => `inv${i}`);
  const text = `import { invariant, nondet, oneOf, process, processSet, protocol, setOf, when, type Int, type Pid, type PidSet } from "ts2tla";

interface State {
${m.fields.map((f) => `  ${f.name}: ${typeText(f.type)};`).join("\n")}
}

interface Constants {
${sets.map((s) => `  ${s.name}: PidSet;`).join("\n")}
}

export default protocol<State, Constants>({
  init: () => ({ ${m.fields.map((f) => `${f.name}: ${literal(f.type, 0)}`).join(", ")} }),
  processes: {
${procs.join("\n")}
  },
  properties: {
${m.invariants.map((c, i) => `    inv${i}: invariant((s) => ${props.cond(c)}),`).join("\n")}
  },
  scenarios: {
    run: { constants: { ${sets.map((s) => `${s.name}: ${JSON.stringify(s.ids)}`).join(", ")} }, deadlock: false },
  },
});
`;
  return { text, scenario: "run", invariants };
}

// ---- bugs the fuzzing found, run first (as fast-check examples) ----

const int01: Field = { name: "int0", type: { kind: "int", lo: 0, hi: 1 } };
const bool1: Field = { name: "bool1", type: { kind: "bool" } };
const atom = (field: number, op: number, arg = 0): Cond => ({ k: "atom", field, op, arg });
const single = (items: Item[]): Proc => ({ set: false, size: 1, items, loop: false, local: false });
const FOUND: Model[] = [
  // `s.bool1 = s.int0 >= 0` was emitted as `bool1' = int0 >= 0`, which SANY rejects (precedence conflict).
  { fields: [int01, bool1], procs: [single([{ k: "step", step: { stmts: [{ k: "assign", field: 1, how: 2, arg: 0, cond: atom(0, 3) }] } }])], invariants: [atom(1, 0)] },
  // `s.bool1 = s.int0 < 1 || s.bool1` as `bool1' = (int0 < 1) \/ bool1`: `(bool1' = ...) \/ bool1` to TLA+.
  {
    fields: [int01, bool1],
    procs: [single([{ k: "step", step: { stmts: [{ k: "assign", field: 0, how: 1, arg: 0, cond: atom(0, 0) }, { k: "assign", field: 1, how: 2, arg: 0, cond: { k: "or", a: atom(0, 0, 1), b: atom(1, 0) } }] } }])],
    invariants: [atom(1, 0)],
  },
  // A disjunction as a guard four IFs deep: the embedded engine misread it (`undefined variable alpha_l1`).
  {
    fields: [int01],
    procs: [
      single([
        { k: "step", step: { stmts: [] } },
        {
          k: "forever",
          breakIf: null,
          steps: [
            {
              stmts: [1, 2, 3].reduce<Stmt[]>((inner) => [{ k: "if", cond: atom(0, 0), then: [], else: inner }], [
                { k: "if", cond: atom(0, 0), then: [], else: [] },
                { k: "when", cond: { k: "or", a: atom(0, 0), b: atom(0, 0) } },
              ]),
            },
          ],
        },
      ]),
    ],
    invariants: [atom(0, 0)],
  },
];

/**
 * Found by (d), which runs them first (its TS engine runs in a process of its own). This one is the
 * default seed's first protocol: the TS engine's process dies (V8 "Fatal error in , line 0 /
 * unreachable code", in ValueSerializer::WriteObject under structuredClone) when the runtime copies
 * the local `n` read from a suspended generator where `n` is dead (tools/runtime/runtime.ts
 * mergeLocals, after ScopeProbe.readSuspended): V8 hands back its "optimized out" value.
 */
const always: Cond = { k: "const", value: true };
const CROSS_FOUND: Model[] = [
  {
    fields: [
      { name: "bool0", type: { kind: "bool" } },
      { name: "pid1", type: { kind: "pid" } },
    ],
    procs: [
      {
        set: true,
        size: 2,
        items: [
          {
            k: "step",
            step: {
              stmts: [
                {
                  k: "nondet",
                  then: [{ k: "local" }, { k: "assign", field: 2, how: 4, arg: 11, cond: { k: "const", value: false } }],
                  else: [
                    {
                      k: "nondet",
                      then: [{ k: "oneOf", field: 3, pick: 9 }],
                      else: [{ k: "assign", field: 1, how: 10, arg: 11, cond: atom(11, 7, 6) }, { k: "when", cond: always }, { k: "assign", field: 10, how: 9, arg: 10, cond: always }],
                    },
                    { k: "oneOf", field: 4, pick: 4 },
                    { k: "when", cond: always },
                  ],
                },
              ],
            },
          },
          {
            k: "forever",
            steps: [{ stmts: [] }, { stmts: [{ k: "assign", field: 11, how: 9, arg: 8, cond: atom(2, 4, 4) }, { k: "if", cond: always, then: [], else: [] }] }],
            breakIf: {
              k: "or",
              a: { k: "and", a: { k: "or", a: atom(3, 10, 3), b: always }, b: { k: "and", a: atom(11, 0, 10), b: atom(0, 10, 4) } },
              b: { k: "and", a: atom(10, 2, 3), b: atom(0, 0, 7) },
            },
          },
        ],
        loop: false,
        local: true,
      },
      {
        set: true,
        size: 2,
        items: [
          { k: "step", step: { stmts: [{ k: "oneOf", field: 0, pick: 1 }] } },
          { k: "step", step: { stmts: [{ k: "oneOf", field: 2, pick: 2 }] } },
        ],
        loop: false,
        local: false,
      },
    ],
    invariants: [atom(6, 6, 1), atom(7, 4, 2)],
  },
  // Found by (d) (shrunk): an invariant that reads no state, `inv0 == FALSE`. TLC refuses the model
  // ("The model (.cfg) is wrong: The invariant of inv0 is equal to FALSE"); the TS engine reports it
  // violated in the initial state.
  { fields: [{ name: "enum0", type: { kind: "enum", values: ["idle", "busy"] } }], procs: [single([{ k: "step", step: { stmts: [] } }])], invariants: [{ k: "const", value: false }] },
];

// ---- the properties ----

describe("fuzz: random protocols through compiler, runtime and checkers", function () {
  this.timeout(600_000);
  let folder: ProtocolFolder | undefined;
  const project = createProject();
  let count = 0;
  /** Every module compiled, for SANY. */
  const modules: GeneratedModule[] = [];

  before(() => {
    folder = new ProtocolFolder("fuzz-protocols");
  });

  after(() => folder?.remove());

  /** Writes the protocol as `fuzzN.ts` and compiles it; a diagnostic fails the property. */
  function compile(text: string): CompiledProtocol {
    const compiled = folder!.compileValid(project, `fuzz${count++}`, text, "");
    modules.push({ tla: moduleText(compiled), module: compiled.ir.module, source: text });
    return compiled;
  }

  it("(a) compile without diagnostics, (c) run in the TS runtime as the embedded engine checks them", async () => {
    await fc.assert(
      fc.asyncProperty(model, fc.nat(), async (m, simSeed) => {
        const { text, scenario, invariants } = render(m);
        try {
          await checkProtocol(text, scenario, invariants, simSeed);
        } catch (e) {
          if (e instanceof Error) e.message += `\n--- the protocol:\n${text}`;
          throw e;
        }
      }),
      { seed: SEED, numRuns: RUNS, examples: FOUND.map((m) => [m, 0] as [Model, number]) },
    );
    expect(modules.length).to.be.at.least(RUNS);
  });

  async function checkProtocol(text: string, scenario: string, invariants: string[], simSeed: number): Promise<void> {
    const compiled = compile(text);
    const rt = await ProtocolRuntime.fromCompiled(compiled, scenario);

    // A simulation runs; the invariant it finds violated, the engine finds violated too.
    const sim = simulateRuntime(rt, { steps: 30, seed: simSeed + 1 });
    expect(sim.violation?.invariant, "TypeOK holds by construction").to.not.equal("TypeOK");

    // Every state the runtime reaches, the engine reaches, and no more.
    const explored = exploreStates(rt, { maxStates: MAX_STATES });
    const all = await checkModel(compiled, scenario, EVERYTHING, "embedded");
    expect(all.verdict, all.error?.message).to.equal("holds");
    if (explored.complete) expect(explored.distinctStates, "distinct states: TS runtime vs embedded engine").to.equal(all.stats.distinctStates);

    for (const inv of invariants) {
      const result = await checkModel(compiled, scenario, onlyProperty(compiled, inv), "embedded");
      expect(result.verdict, result.error?.message).to.be.oneOf(["holds", "violated"]);
      if (sim.violation?.invariant === inv) expect(result.verdict, `the simulation violates ${inv} in state ${sim.violation.state}`).to.equal("violated");
      if (result.verdict === "violated") {
        const r = replayWithRuntime(rt, result.counterexample!);
        if (!r.ok) expect.fail(`the engine's counterexample of ${inv} does not replay: trace state ${r.step}: ${r.message}\n${r.diff}`);
      }
    }
  }

  it("(b) SANY accepts every generated module", async function () {
    const inst = await requireTlc(this);
    const rejected = await sanyRejections(inst, modules, path.join(folder!.root, "sany"));
    if (rejected) expect.fail(rejected);
  });

  it("(d) TLC and the TS engine agree on every verdict and every reachable state (crossCheck; TLC tier)", async function () {
    await requireTlc(this);
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(model, async (m) => {
        const { text, scenario } = render(m);
        const out = folder!.compile(project, `cross${count++}`, text);
        if (!out.ok) return; // (a) reports it
        const compiled = out.compiled;
        const where = `\n--- the protocol:\n${text}`;
        const tlc = await checkScenario(compiled, scenario, { engine: "tlc", keepGraph: true, workers: 1, timeoutSeconds: 120 });
        expect(tlc.error, `TLC: ${tlc.error?.message}${where}`).to.equal(undefined);
        const ts = await folder!.tsEngineInChild(compiled, scenario, where);
        expect(ts.error, `the TS engine: ${ts.error?.message}${where}`).to.equal(undefined);
        const x = crossCheck(compiled, tlc, ts);
        expect(x.problems, `${x.problems.join("\n")}${where}`).to.deep.equal([]);
        // Both explored everything, so the graphs were compared, not just the verdicts.
        expect(x.summary, where).to.match(/agree on every verdict and on all \d+ reachable states/);
        compared++;
      }),
      { seed: SEED, numRuns: CROSS_RUNS, examples: CROSS_FOUND.map((m) => [m] as [Model]) },
    );
    expect(compared).to.be.at.least(CROSS_RUNS);
  });
});
