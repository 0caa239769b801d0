// The protocol language's runtime: a protocol's TypeScript run as a program (simulation, trace
// replay, exhaustive exploration). See runtime.ts for how steps, blocking and choices work.
export { ProtocolRuntime, RuntimeSetupError, StepError, type ProcessInstance, type RtState, type RuntimeOptions, type Successor } from "./runtime.ts";
export { simulate, simulateRuntime, type SimulateOptions, type SimulatedState, type SimulationResult, type StopReason } from "./simulate.ts";
export { replayCounterexample, replayWithRuntime, type ReplayOptions, type ReplayResult } from "./replay.ts";
export { exploreStates, type ExploreOptions, type ExploreResult } from "./explore.ts";
export { mulberry32 } from "./prng.ts";
