// Every case of the semantics corpus, by class of issue #10.
import type { Case } from "../../helpers/semantics.ts";
import { ACTION_PROPS } from "./actionProps.ts";
import { ALIASING } from "./aliasing.ts";
import { EQUALITY } from "./equality.ts";
import { FAIRNESS } from "./fairness.ts";
import { FN_ON } from "./fnOn.ts";
import { LIVENESS } from "./liveness.ts";
import { NAMES } from "./names.ts";
import { NUMBERS, PRECEDENCE } from "./numbers.ts";
import { PROCESS_IDS } from "./processIds.ts";
import { SEQUENCES } from "./sequences.ts";
import { SCENARIOS_AND_INIT } from "./scenariosAndInit.ts";
import { SET_LOOPS } from "./setLoops.ts";
import { SETS } from "./sets.ts";
import { SET_OPS } from "./setOps.ts";
import { TRUTHINESS } from "./truthiness.ts";
import { VALUE_SETS } from "./valueSets.ts";

export const CASES: Case[] = [...ALIASING, ...EQUALITY, ...SEQUENCES, ...NUMBERS, ...PRECEDENCE, ...SETS, ...SET_OPS, ...TRUTHINESS, ...LIVENESS, ...SCENARIOS_AND_INIT, ...ACTION_PROPS, ...FAIRNESS, ...PROCESS_IDS, ...VALUE_SETS, ...SET_LOOPS, ...FN_ON, ...NAMES];
