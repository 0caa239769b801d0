// Names (issue #13): any name TypeScript accepts for a state field, a local or a property works.
// The compiler renames those TLA+ cannot have (its words, the operators of the modules it extends,
// `self`, its own names, characters outside letters, digits and `_`); the source map keeps the TS
// name, so both engines agree and traces read as the TS. Constants, processes and record fields keep
// their names in TLA+ (a bad one is TSLA071, see test/fixtures/invalid).
import { run, type Case } from "../../helpers/semantics.ts";

const G = "names TLA+ cannot have";

export const NAMES: Case[] = [
  {
    name: "tlaWordsAsNames",
    group: G,
    snippet: {
      state: "Init: Int<0, 2>; self: boolean; ELSE: Int<0, 2>; $x: Int<0, 2>; _: boolean; café: Int<0, 2>; RandomElement: boolean; pc: Int<0, 2>",
      init: "{ Init: 0, self: false, ELSE: 0, $x: 0, _: false, café: 0, RandomElement: false, pc: 0 }",
      body: `
      const Next: Int<0, 2> = oneOf(setOf<Int<0, 2>>(1, 2));
      let $y: Int<0, 2> = 0;
      yield "b";
      s.Init = Next;
      s.ELSE = Next;
      $y = Next;
      yield "c";
      s.$x = $y;
      s.café = s.$x;
      s.self = true;
      s._ = s.self;
      s.RandomElement = s._;
      s.pc = s.café;`,
      props: {
        ENABLED: "invariant((s) => s.ELSE === s.Init)",
        "'$same'": "invariant((s) => !s._ || s.$x === s.café)",
        TLCGet: "invariant((s) => s.pc === 0 || s.pc === s.Init)",
        neverTwo: "invariant((s) => s.pc !== 2)",
      },
    },
    expect: run({ neverTwo: "violated" }),
  },
];
