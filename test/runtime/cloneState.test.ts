// cloneState copies a protocol state as structuredClone does: deep, aliases kept, no sharing with the original.
import { expect } from "chai";
import { cloneState } from "../../tools/runtime/cloneState.ts";

describe("cloneState", () => {
  it("copies records, arrays, Sets and Maps deeply, equal to structuredClone's copy", () => {
    const state = { q: [{ pid: "a", key: 0 }], held: new Set(["a"]), byPid: { a: null, b: [1, 2] }, m: new Map([["k", { n: 1 }]]), flag: true };
    const copy = cloneState(state);
    expect(copy).to.deep.equal(structuredClone(state));
    copy.q[0]!.key = 9;
    copy.held.add("b");
    (copy.byPid.b as number[]).push(3);
    copy.m.get("k")!.n = 2;
    expect(state.q[0]!.key).to.equal(0);
    expect([...state.held]).to.deep.equal(["a"]);
    expect(state.byPid.b).to.deep.equal([1, 2]);
    expect(state.m.get("k")!.n).to.equal(1);
  });

  it("keeps a value reached twice as one value (an alias inside the state stays an alias)", () => {
    const shared = [1];
    const copy = cloneState({ a: shared, b: shared, c: [shared] });
    expect(copy.a).to.equal(copy.b);
    expect(copy.c[0]).to.equal(copy.a);
    expect(copy.a).to.not.equal(shared);
  });

  it("leaves what is not plain data to structuredClone", () => {
    const d = new Date(0);
    const copy = cloneState({ d });
    expect(copy.d).to.be.instanceOf(Date).and.not.equal(d);
    expect(copy.d.getTime()).to.equal(0);
  });
});
