// ValueSet: a set compared by value (TLA+'s meaning), with frozen copies of its elements; and the
// runtime's deep copy and state key of one.
import { expect } from "chai";
import { difference, equals, filterSet, mapSet, union } from "../../tools/lang/index.ts";
import { isValueSet, ValueSet, valueKey } from "../../tools/lang/valueSet.ts";
import { cloneState } from "../../tools/runtime/cloneState.ts";

describe("ValueSet", () => {
  it("counts equal records, arrays and sets once, whatever their field or insertion order", () => {
    const s = new ValueSet<unknown>([{ a: 1, b: [2] }, { b: [2], a: 1 }, new Set([1, 2]), new Set([2, 1]), [1, 2], [2, 1]]);
    expect(s.size).to.equal(4);
    expect(s.has({ a: 1, b: [2] })).to.equal(true);
    expect(s.has(new ValueSet([2, 1]))).to.equal(true);
    expect(s.has([1, 2])).to.equal(true);
    expect(s.has({ a: 1, b: [3] })).to.equal(false);
  });

  it("keeps its own copy: a later change to the argument does not reach the set", () => {
    const r = { n: 1 };
    const s = new ValueSet([r]);
    r.n = 2;
    expect(s.has({ n: 1 })).to.equal(true);
    expect(s.has({ n: 2 })).to.equal(false);
  });

  it("hands out frozen elements, and an element that is a set cannot change", () => {
    const s = new ValueSet<{ n: number }>([{ n: 1 }]);
    const [e] = [...s];
    expect(() => {
      (e as { n: number }).n = 5;
    }).to.throw(TypeError);
    const outer = new ValueSet<Set<number>>([new Set([1])]);
    const [inner] = [...outer];
    expect(() => inner!.add(2)).to.throw(TypeError, /cannot change/);
  });

  it("tells values apart as TLA+ does: 1 and \"1\", [] and {}, 0 and -0 equal", () => {
    expect(valueKey(1)).to.not.equal(valueKey("1"));
    expect(valueKey([])).to.not.equal(valueKey({}));
    expect(valueKey(0)).to.equal(valueKey(-0));
    expect(() => valueKey(new Map())).to.throw(TypeError);
  });

  it("deletes by value and clears", () => {
    const s = new ValueSet([{ n: 1 }, { n: 2 }]);
    expect(s.delete({ n: 1 })).to.equal(true);
    expect(s.delete({ n: 1 })).to.equal(false);
    expect(s.size).to.equal(1);
    s.clear();
    expect(s.size).to.equal(0);
  });

  it("the set functions give a ValueSet when the first set is one", () => {
    const a = new ValueSet([{ n: 1 }, { n: 2 }]);
    const b = new ValueSet([{ n: 2 }]);
    const u = union(a, new ValueSet([{ n: 1 }, { n: 3 }]));
    expect(isValueSet(u)).to.equal(true);
    expect(u.size).to.equal(3);
    expect(difference(a, b).has({ n: 1 })).to.equal(true);
    expect(filterSet(a, (x) => x.n > 1).size).to.equal(1);
    expect(mapSet(a, () => ({ n: 0 })).size).to.equal(1);
    expect(equals(a, new ValueSet([{ n: 2 }, { n: 1 }]))).to.equal(true);
    expect(equals(a, b)).to.equal(false);
  });

  it("is copied by the runtime's state copy as a ValueSet that shares its frozen elements", () => {
    const state = { msgs: new ValueSet([{ n: 1 }]) };
    const copy = cloneState(state);
    expect(isValueSet(copy.msgs)).to.equal(true);
    copy.msgs.add({ n: 2 });
    expect(state.msgs.size).to.equal(1);
    expect(copy.msgs.size).to.equal(2);
  });
});
