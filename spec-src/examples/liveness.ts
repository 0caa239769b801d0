// A traffic light and the vehicles waiting at it: what fairness a waiter needs to get through.
//
// The light turns green and red. A vehicle waits until the light is green and then crosses in one
// atomic step. When the light blinks forever, a waiting vehicle's step is enabled again and again
// but never continuously, so *weak* fairness does not oblige the scheduler to run it: a car can
// starve, always finding the light red when it is finally scheduled (TLC finds the lasso: green,
// red, green, red, ... while the car stays put). A truck waits with *strong* fairness on its
// waiting step ("enabled infinitely often ⇒ taken"), so it always gets through. A bike has no
// fairness at all, so even a light that stays green forever does not make it cross.
//
// Scenarios: `steadyLight` (the light turns green once and stays green: weak fairness suffices,
// only the unfair bike may wait forever), `blinkingLight` (the light blinks forever: the car
// starves, the truck does not).
import { at, done, eventually, forAll, leadsTo, process, processSet, protocol, step, temporal, when, witness, type Pid, type PidSet } from "ts2tla";

interface State {
  green: boolean;
  /** Vehicles that have crossed. */
  crossed: Set<Pid>;
}

interface Constants {
  Cars: PidSet;
  Trucks: PidSet;
  Bikes: PidSet;
  /** The light keeps switching between green and red forever; otherwise it stays green. */
  Blinking: boolean;
}

export default protocol<State, Constants>({
  init: () => ({ green: false, crossed: new Set() }),
  processes: {
    light: process(function* (self, s, c) {
      for (;;) {
        yield "turnGreen";
        s.green = true;
        if (!c.Blinking) return;
        yield "turnRed";
        s.green = false;
      }
    }),
    car: processSet("Cars", function* (self, s) {
      yield "carWaits";
      when(s.green);
      s.crossed.add(self);
    }),
    truck: processSet("Trucks", function* (self, s) {
      yield step("truckWaits", "strong");
      when(s.green);
      s.crossed.add(self);
    }),
    bike: processSet("Bikes", function* (self, s) {
      yield "bikeWaits";
      when(s.green);
      s.crossed.add(self);
    }, { fairness: "none" }),
  },
  properties: {
    /** Every car that waits gets through. */
    carsCross: temporal(forAll("Cars", (p) => leadsTo(() => at(p, "carWaits"), () => done(p)))),
    /** Every truck eventually crosses. */
    trucksCross: temporal(forAll("Trucks", (p) => eventually((s) => s.crossed.has(p)))),
    /** Every bike eventually crosses. */
    bikesCross: temporal(forAll("Bikes", (p) => eventually(() => done(p)))),
    /** Everybody can get through (so a starving waiter is a matter of scheduling, not of a blocked protocol). */
    everybodyCanCross: witness((s, c: Constants) => s.crossed.size === c.Cars.size + c.Trucks.size + c.Bikes.size),
  },
  scenarios: {
    steadyLight: {
      description: "the light turns green once and stays green",
      constants: { Cars: ["car1"], Trucks: ["truck1"], Bikes: ["bike1"], Blinking: false },
      expect: { carsCross: "holds", trucksCross: "holds", bikesCross: "violated", everybodyCanCross: "holds" },
    },
    blinkingLight: {
      description: "the light blinks forever: weak fairness lets the car starve, strong fairness does not",
      constants: { Cars: ["car1"], Trucks: ["truck1"], Bikes: ["bike1"], Blinking: true },
      properties: ["carsCross", "trucksCross", "everybodyCanCross"],
      expect: { carsCross: "violated", trucksCross: "holds", everybodyCanCross: "holds" },
    },
  },
});
