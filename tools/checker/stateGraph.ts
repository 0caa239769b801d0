// A state graph as an engine explored it: what the cross-check between TLC and the TS engine compares.
// Values are TLA+ values (canonical once normalised with the IR types, see runtime/tlaValues.ts).
import type { TlaValue } from "./types.ts";

export interface GraphState {
  vars: Record<string, TlaValue>;
  initial: boolean;
}

export interface GraphEdge {
  from: number;
  to: number;
  /** The TLA+ operator of the step (`invalidate_schedule`), `Terminating` for the final stutter. */
  action?: string;
  /** The process id the step ran as (`self`), when known. */
  self?: string;
}

export interface StateGraph {
  /** Distinct states; a state's id is its index. */
  states: GraphState[];
  edges: GraphEdge[];
  /** The engine explored every reachable state (no violation, limit or timeout stopped it). */
  complete: boolean;
}
