// Fuzzing the readers of TLC's output: real captures (test/fixtures/tlc-captures, tlc-runs, trace-runs:
// -tool stdout and -dumpTrace json files) cut at random points, with random bytes garbled, lines
// shuffled, dropped or repeated, and fed to every parser on the way from TLC to `ts2tla trace`. Each
// must return a result or throw its module's own error (TraceTextError, JsonDumpError, TraceError,
// TlaValueSyntaxError) — never a TypeError, RangeError or other crash. Seeded: a failure prints the
// seed and the shrunk input, and the same seed gives the same run.
import { expect } from "chai";
import fc from "fast-check";
import fs from "node:fs";
import path from "node:path";
import { JsonDumpError, parseJsonDump } from "../../tools/checker/tlc/jsonDump.ts";
import { interpretTlcOutput } from "../../tools/checker/tlc/result.ts";
import { messagesOf, parseToolOutput, ToolOutputParser, type ToolEvent } from "../../tools/checker/tlc/toolOutput.ts";
import { extractTextCounterexamples, parseActionLabel, parseStateHeader, parseTraceState, TraceTextError } from "../../tools/checker/tlc/toolTrace.ts";
import { parseTlaValue, TlaValueSyntaxError } from "../../tools/checker/tlc/values.ts";
import { REPO_ROOT } from "../../tools/compiler/index.ts";
import { TraceError } from "../../tools/trace/errors.ts";
import { loadTrace } from "../../tools/trace/fromRun.ts";
import { CASES, compiled, TRACE_RUNS_DIR } from "../helpers/traceRuns.ts";
import { fuzzSettings } from "./helpers.ts";

const { seed: SEED, scale } = fuzzSettings(20_240_606);
const RUNS = Math.ceil(300 * scale);

interface Capture {
  name: string;
  text: string;
}

/** Every saved -tool stdout and -dumpTrace json file. */
function captures(): Capture[] {
  const dirs = ["test/fixtures/tlc-captures/out", "test/fixtures/tlc-captures/out-v1.7.4", "test/fixtures/tlc-runs", "test/fixtures/trace-runs"];
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(REPO_ROOT, dir))
      .filter((f) => /(stdout\.txt|\.json)$/.test(f))
      .sort()
      .map((f) => ({ name: `${dir}/${f}`, text: fs.readFileSync(path.join(REPO_ROOT, dir, f), "utf8") })),
  );
}

const ALL = captures();
const TOOL = ALL.filter((c) => c.text.includes("@!@!@STARTMSG"));
const JSON_DUMPS = ALL.filter((c) => c.name.endsWith(".json"));

/** Fragments that steer garbling towards the parsers' edge cases. */
const NOISE = ["@!@!@", "@!@!@STARTMSG 2217:4 @!@!@\n", "@!@!@ENDMSG 2217 @!@!@\n", "@!@!@ENDMSG 2110 @!@!@", "\n", "\r\n", "/\\ ", " = ", "<<", ">>", "{", "}", "[", "]", "|->", ":>", "@@", '"', "\\", "1: <", ">", "(", ")", ",", "..", "-", "99999999999999999999", "line 3, col 1 to line 2, col 9 of module M", "\u0000", "\uFFFD", "Back to state: ", "Stuttering", "null", "true", ":", '"action"', "[[1,{}]]"];

type Mutation =
  | { kind: "cut"; at: number }
  | { kind: "garble"; at: number; text: string }
  | { kind: "delete"; at: number; length: number }
  | { kind: "shuffle"; keys: number[] }
  | { kind: "dropLine"; at: number }
  | { kind: "repeatLine"; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("cut" as const), at: position }),
  fc.record({ kind: fc.constant("garble" as const), at: position, text: fc.oneof(fc.constantFrom(...NOISE), fc.string({ maxLength: 4 }), fc.string({ unit: "binary", maxLength: 3 })) }),
  fc.record({ kind: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("shuffle" as const), keys: fc.array(fc.integer(), { minLength: 1, maxLength: 400 }) }),
  fc.record({ kind: fc.constant("dropLine" as const), at: position }),
  fc.record({ kind: fc.constant("repeatLine" as const), at: position }),
);

function mutate(text: string, m: Mutation): string {
  const i = Math.floor(m.kind === "shuffle" ? 0 : m.at * (text.length + 1));
  switch (m.kind) {
    case "cut":
      return text.slice(0, i);
    case "garble":
      return text.slice(0, i) + m.text + text.slice(i + m.text.length);
    case "delete":
      return text.slice(0, i) + text.slice(i + m.length);
    case "shuffle": {
      const lines = text.split("\n");
      const order = lines.map((l, n) => ({ l, k: m.keys[n % m.keys.length]! + n / lines.length }));
      return order.sort((a, b) => a.k - b.k).map((x) => x.l).join("\n");
    }
    case "dropLine":
    case "repeatLine": {
      const lines = text.split("\n");
      const n = Math.floor(m.at * lines.length);
      if (m.kind === "dropLine") lines.splice(n, 1);
      else lines.splice(n, 0, lines[n] ?? "");
      return lines.join("\n");
    }
  }
}

/** A JSON value with the node at `at` (a fraction of the nodes, in document order) replaced, or deleted from its object or array. */
function replaceNode(data: unknown, at: number, by: unknown, remove: boolean): unknown {
  const nodes: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => (nodes.push({ parent: v, key: i }), walk(x)));
    else if (v !== null && typeof v === "object") for (const [k, x] of Object.entries(v)) nodes.push({ parent: v as Record<string, unknown>, key: k }), walk(x);
  };
  walk(data);
  const node = nodes[Math.floor(at * nodes.length)];
  if (!node) return by;
  if (Array.isArray(node.parent)) {
    if (remove) node.parent.splice(node.key as number, 1);
    else node.parent[node.key as number] = by;
  } else if (remove) delete node.parent[node.key];
  else node.parent[node.key] = by;
  return data;
}

const TRICKY_JSON = [null, 0, -1, 1, 2, 3, 1.5, 1e21, "", "x", true, [], {}, [[1, {}]], [1, {}], { name: "A" }, [[2, {}], { name: "A" }, [1, {}]]];
/** Structural damage to a -dumpTrace json file: a node replaced (by a tricky or random JSON value) or removed. */
const jsonDamage = fc.array(
  fc.record({ at: position, by: fc.oneof(fc.constantFrom(...TRICKY_JSON), fc.jsonValue({ maxDepth: 2 })), remove: fc.boolean() }),
  { minLength: 1, maxLength: 3 },
);

const mutated = (pool: Capture[]) =>
  fc.record({ capture: fc.constantFrom(...pool), mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }) }).map(({ capture, mutations }) => ({
    name: capture.name,
    mutations,
    text: mutations.reduce(mutate, capture.text),
  }));

/** Runs `fn`; an error of one of the `allowed` classes is the parser's way to say no, anything else is a crash. */
function tolerate<T>(allowed: Array<abstract new (...args: never[]) => Error>, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (allowed.some((cls) => e instanceof cls)) {
      expect((e as Error).message.trim(), "the error has a message").to.not.equal("");
      return undefined;
    }
    throw e;
  }
}

/** The same text fed to the streaming parser in chunks cut at `cuts` (fractions of the length). */
function parseInChunks(text: string, cuts: number[]): ToolEvent[] {
  const at = [...new Set(cuts.map((c) => Math.floor(c * text.length)))].sort((a, b) => a - b);
  const parser = new ToolOutputParser();
  const events: ToolEvent[] = [];
  let from = 0;
  for (const to of [...at, text.length]) {
    events.push(...parser.push(text.slice(from, to)));
    from = to;
  }
  return [...events, ...parser.end()];
}

const params = { seed: SEED, numRuns: RUNS } as const;

describe("fuzz: TLC output readers on damaged captures", function () {
  this.timeout(120_000);

  it("found the captures", () => {
    expect(TOOL.length, "-tool outputs").to.be.at.least(20);
    expect(JSON_DUMPS.length, "JSON dumps").to.be.at.least(5);
  });

  it("-tool text: the parser (whole or streamed), the counterexample reader and interpretTlcOutput never crash", () => {
    fc.assert(
      fc.property(mutated(TOOL), fc.array(position, { maxLength: 6 }), fc.option(fc.integer({ min: -1, max: 300 })), ({ text }, cuts, exitCode) => {
        const events = parseToolOutput(text);
        expect(parseInChunks(text, cuts), "streamed in chunks, the same events").to.deep.equal(events);
        const messages = messagesOf(events);
        tolerate([TraceTextError], () => extractTextCounterexamples(messages));
        for (const m of messages) {
          tolerate([TraceTextError], () => parseTraceState(m.text));
          tolerate([TraceTextError], () => parseStateHeader(m.text.split("\n")[0] ?? ""));
        }
        const result = interpretTlcOutput({ events, ...(exitCode === null ? {} : { exitCode }), stderr: text.slice(-200) });
        expect(result.verdict).to.be.oneOf(["holds", "violated", "error"]);
        if (result.verdict === "error") expect(result.error?.message, "an error says what").to.be.a("string");
      }),
      params,
    );
  });

  it("JSON dumps: parseJsonDump gives a counterexample or a JsonDumpError; interpretTlcOutput falls back to the text", () => {
    const events = parseToolOutput(fs.readFileSync(path.join(TRACE_RUNS_DIR, "twoPhase-consistent.stdout.txt"), "utf8"));
    fc.assert(
      fc.property(mutated(JSON_DUMPS), ({ text }) => {
        const parsed = tolerate([JsonDumpError], () => parseJsonDump(text));
        if (parsed) expect(parsed.counterexample.states.length).to.be.at.least(1);
        const result = interpretTlcOutput({ events, jsonDump: text });
        expect(result.verdict).to.equal("violated");
        expect(result.counterexample, "from the dump or else the text").to.exist;
      }),
      params,
    );
  });

  it("JSON dumps with valid JSON of the wrong shape: a counterexample or a JsonDumpError", () => {
    const events = parseToolOutput(fs.readFileSync(path.join(TRACE_RUNS_DIR, "deadlock-deadlock.stdout.txt"), "utf8"));
    fc.assert(
      fc.property(fc.constantFrom(...JSON_DUMPS), jsonDamage, (capture, damage) => {
        const text = JSON.stringify(damage.reduce((d, x) => replaceNode(d, x.at, structuredClone(x.by), x.remove), JSON.parse(capture.text) as unknown));
        const parsed = tolerate([JsonDumpError], () => parseJsonDump(text));
        if (parsed) expect(parsed.counterexample.states.length).to.be.at.least(1);
        expect(interpretTlcOutput({ events, jsonDump: text }).counterexample).to.exist;
      }),
      params,
    );
  });

  it("values and action labels: a TlaValue or a syntax error", () => {
    const samples = TOOL.flatMap((c) => [...c.text.matchAll(/^\/\\ \w+ = (.*)$/gm)].map((m) => m[1]!)).slice(0, 400);
    const labels = TOOL.flatMap((c) => [...c.text.matchAll(/^\d+: <(.*)>$/gm)].map((m) => m[1]!));
    expect(samples.length).to.be.at.least(20);
    const pool = [...samples, ...labels].map((text, i) => ({ name: `sample ${i}`, text }));
    fc.assert(
      fc.property(mutated(pool), ({ text }) => {
        tolerate([TlaValueSyntaxError], () => parseTlaValue(text));
        tolerate([TlaValueSyntaxError], () => parseTlaValue(text, { lowercaseBooleans: true }));
        tolerate([TraceTextError], () => parseActionLabel(text));
      }),
      { ...params, numRuns: RUNS * 3 },
    );
  });

  it("ts2tla trace (loadTrace): a Trace or a TraceError", () => {
    const runs = CASES.flatMap((k) =>
      (["stdout.txt", "trace.json"] as const).map((ext) => ({ k, name: `${k.name}.${ext}`, text: fs.readFileSync(path.join(TRACE_RUNS_DIR, `${k.name}.${ext}`), "utf8") })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...runs), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean(), (run, mutations, withScenario) => {
        const text = mutations.reduce(mutate, run.text);
        const trace = tolerate([TraceError], () => loadTrace(text, compiled(run.k.file).sourceMap, withScenario ? { scenario: run.k.scenario } : {}));
        if (trace) expect(trace.steps.length).to.be.at.least(1);
      }),
      { ...params, numRuns: Math.ceil(RUNS * 2 / 3) },
    );
  });

  it("ts2tla trace on -dumpTrace json files of the wrong shape or with values of the wrong type: a Trace or a TraceError", () => {
    const runs = CASES.map((k) => ({ k, data: JSON.parse(fs.readFileSync(path.join(TRACE_RUNS_DIR, `${k.name}.trace.json`), "utf8")) as unknown }));
    fc.assert(
      fc.property(fc.constantFrom(...runs), jsonDamage, fc.boolean(), (run, damage, withScenario) => {
        const text = JSON.stringify(damage.reduce((d, x) => replaceNode(d, x.at, structuredClone(x.by), x.remove), structuredClone(run.data)));
        const trace = tolerate([TraceError], () => loadTrace(text, compiled(run.k.file).sourceMap, withScenario ? { scenario: run.k.scenario } : {}));
        if (trace) expect(trace.steps.length).to.be.at.least(1);
      }),
      { ...params, numRuns: Math.ceil(RUNS * 2 / 3) },
    );
  });
});
