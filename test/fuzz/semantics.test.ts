// Fuzzing where TypeScript and TLA+ could part (issue #10): random protocols made of aliases of
// state records and arrays, copies, value equality, reads and writes at edge indices (past the end,
// -1, empty arrays), slice/splice/shift/pop/at with negative or out-of-range arguments, and `%`,
// Math.floor division and Math.abs on negative operands, over nested records.
//
// Each protocol either is rejected with one of the diagnostics for constructs whose two meanings
// differ, or is checked by TLC on the TLA+ and by the TS engine on the TypeScript, which must agree
// on every verdict and on the whole state graph (crossCheck). TLC tier.
import { expect } from "chai";
import fc from "fast-check";
import { createProject } from "../../tools/compiler/index.ts";
import { crossCheck } from "../../tools/verify/crossCheck.ts";
import { checkScenario } from "../../tools/verify/scenario.ts";
import { ProtocolFolder } from "../helpers/protocolFolder.ts";
import { requireTlc } from "../helpers/tlc.ts";
import { fuzzSettings } from "./helpers.ts";

const { seed: SEED, scale } = fuzzSettings(1010);
const RUNS = Math.ceil(24 * scale);

/** Diagnostics that reject a construct because its TS and TLA+ meanings would differ. */
const MEANING_CODES = /^TSLA(08\d|09\d)$/;

const k = fc.integer({ min: -2, max: 2 });
const idx = fc.integer({ min: -1, max: 2 });
const bool = fc.boolean();
const divisor = fc.constantFrom(2, 3, -2);

/** Statements the compiler must reject: TS would see an in-place change (or a write) that TLA+ would not. */
const diverging: fc.Arbitrary<string> = fc.oneof(
  k.map((a) => `const e = s.r; s.r.a = ${a}; s.v = e.a;`),
  bool.map((c) => `const i = s.r.inner; s.r.inner.c = ${c}; s.f = i.c;`),
  fc.constant(`s.o = s.r;`),
  fc.constant(`let e = s.r; e.b = !e.b;`),
  fc.constant(`if (s.q.length < 2) s.q.push(s.r);`),
  fc.constant(`if (s.q.length > 0) { const h = s.q[0]!; s.q[0]!.a = 0; s.v = h.a; }`),
);

/** One statement of a step, as TS text; each keeps every value inside its type. */
const exact: fc.Arbitrary<string> = fc.oneof(
  // aliases and copies of records
  k.map((a) => `const e = s.r; s.r = { a: ${a}, b: !s.r.b, inner: { c: s.r.inner.c } }; s.v = e.a;`),
  bool.map((c) => `const i = s.r.inner; s.r.inner = { c: ${c} }; s.f = i.c;`),
  fc.constant(`if (s.o !== null) { const e = s.o; s.r.b = !s.r.b; s.f = e.b; }`),
  fc.constant(`s.o = copy(s.r);`),
  fc.constant(`s.o = { ...s.r, b: !s.r.b };`),
  k.map((a) => `if (s.o !== null) s.o.a = ${a};`),
  fc.constant(`s.f = equals(s.r, s.o);`),
  fc.constant(`s.f = s.q.some((w) => equals(w, s.r));`),
  fc.constant(`if (s.q.length < 2) s.q.push(copy(s.r));`),
  fc.constant(`s.q = s.q.filter((w) => w.b);`),
  fc.constant(`if (s.q.length > 0) { const h = s.q[0]!; s.q.shift(); s.v = h.a; }`),
  fc.constant(`if (s.q.length > 0) s.q[s.q.length - 1]!.b = !s.q[s.q.length - 1]!.b;`),
  // edge indices on an array of small integers
  fc.tuple(idx, k).map(([i, a]) => `s.f = s.ns[${i}] === ${a};`),
  k.map((a) => `s.f = s.ns.at(-1) === ${a};`),
  k.map((a) => `s.v = Math.max(-2, Math.min(2, s.ns.indexOf(${a})));`),
  fc.tuple(k, k).map(([a, b]) => `s.ns = s.ns.slice(${a}, ${b});`),
  k.map((a) => `s.ns = s.ns.slice(${a});`),
  k.map((i) => `s.ns.splice(${i}, 1);`),
  k.map((a) => `const x = s.ns.shift(); s.f = x === ${a};`),
  k.map((a) => `const x = s.ns.pop(); s.f = x === ${a};`),
  k.map((a) => `if (s.ns.length < 2) s.ns[s.ns.length] = ${a};`),
  k.map((a) => `if (s.ns.length < 2) s.ns.push(${a});`),
  k.map((a) => `if (s.ns.length > 0) s.ns[0] = ${a};`),
  fc.constant(`if (s.ns.length > 0) s.v = s.ns[s.ns.length - 1]!;`),
  // negative arithmetic, kept in range
  fc.tuple(k, divisor).map(([a, d]) => `s.v = (s.v - ${a}) % ${d};`),
  fc.tuple(k, divisor).map(([a, d]) => `s.v = Math.max(-2, Math.min(2, Math.floor((s.v - ${a}) / ${d})));`),
  k.map((a) => `s.v = Math.max(-2, Math.min(2, Math.abs(s.v) + ${a}));`),
  fc.constant(`s.v = -s.v % 2;`),
);

const statement = fc.oneof({ arbitrary: exact, weight: 12 }, { arbitrary: diverging, weight: 1 });
const step = fc.array(statement, { minLength: 1, maxLength: 3 });
const model = fc.record({ steps: fc.array(step, { minLength: 1, maxLength: 3 }), loop: bool, two: bool });

function render(m: { steps: string[][]; loop: boolean; two: boolean }): string {
  // Each statement in a block of its own, so that two of them may declare the same name.
  const steps = m.steps.map((stmts, i) => `      yield "s${i}";\n      ${stmts.map((x) => `{ ${x} }`).join("\n      ")}`).join("\n");
  const body = m.loop ? `      for (;;) {\n${steps.replace(/^/gm, "  ")}\n      }` : steps;
  return `import { copy, equals, processSet, protocol, when, type Int, type PidSet } from "ts2tla";

interface R { a: Int<-2, 2>; b: boolean; inner: { c: boolean } }
interface State { r: R; o: R | null; q: R[]; ns: Int<-2, 2>[]; v: Int<-2, 2>; f: boolean }
interface Constants { P: PidSet }

export default protocol<State, Constants>({
  init: () => ({ r: { a: 0, b: false, inner: { c: false } }, o: null, q: [], ns: [1], v: 0, f: false }),
  processes: {
    p: processSet("P", function* (self, s) {
${body}
    }),
  },
  scenarios: { run: { constants: { P: ${m.two ? `["p1", "p2"]` : `["p1"]`} }, deadlock: false } },
});
`;
}

describe("fuzz: aliases, edge indices and negative arithmetic, TLC against the TS engine", function () {
  this.timeout(1_200_000);
  let folder: ProtocolFolder | undefined;
  const project = createProject();
  let count = 0;

  before(() => {
    folder = new ProtocolFolder("fuzz-semantics");
  });

  after(() => folder?.remove());

  it("every protocol is rejected for a construct whose meanings differ, or TLC and the TS engine agree on its whole graph", async function () {
    await requireTlc(this);
    let compared = 0;
    let rejected = 0;
    await fc.assert(
      fc.asyncProperty(model, async (m) => {
        const text = render(m);
        const where = `\n--- the protocol:\n${text}`;
        const out = folder!.compile(project, `sem${count++}`, text);
        if (!out.ok) {
          const codes = out.diagnostics.map((d) => d.code);
          expect(codes.every((c) => MEANING_CODES.test(c)), `unexpected diagnostics: ${out.error.message}${where}`).to.equal(true);
          rejected++;
          if (process.env.FUZZ_DEBUG) console.log(out.diagnostics.map((d) => `${d.code} ${d.message}`).join("; "));
          return;
        }
        const compiled = out.compiled;
        const tlc = await checkScenario(compiled, "run", { engine: "tlc", keepGraph: true, workers: 1, timeoutSeconds: 120 });
        expect(tlc.error, `TLC: ${tlc.error?.message}${where}`).to.equal(undefined);
        const ts = await folder!.tsEngineInChild(compiled, "run", where);
        expect(ts.error, `the TS engine: ${ts.error?.message}${where}`).to.equal(undefined);
        const x = crossCheck(compiled, tlc, ts);
        expect(x.problems, `${x.problems.join("\n")}${where}`).to.deep.equal([]);
        compared++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    // Most protocols must get through the compiler, or the agreement says little.
    expect(compared, `compared ${compared}, rejected ${rejected}`).to.be.at.least(Math.ceil(RUNS / 3));
  });
});
