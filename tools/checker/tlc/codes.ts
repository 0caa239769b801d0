// TLC's `-tool` message codes (tlc2.output.EC), each classified once so that the output parser and the
// result mapper never compare against bare numbers.
import type { ViolationKind } from "../types.ts";

export type CodeCategory =
  /** Banners, phases, SANY start/end: nothing to act on. */
  | "info"
  /** Periodic progress reports. */
  | "progress"
  /** Final statistics (states, depth, outdegree). */
  | "stats"
  /** Model checking finished without finding an error. */
  | "success"
  /** A property, invariant, deadlock, Assert or ASSUME was violated. */
  | "violation"
  /** Part of a counterexample: headers and states. */
  | "trace"
  /** The spec could not be evaluated (runtime error in an expression). */
  | "evaluation-error"
  /** SANY could not parse or resolve the spec. */
  | "parse-error"
  /** The model (.cfg) is wrong. */
  | "config-error"
  /** TLC rejected its command line. */
  | "option-error"
  | "out-of-memory"
  /** TLC itself or the machine failed (I/O, internal bug). */
  | "system-error"
  /** The spec uses something this TLC mode cannot do. */
  | "unsupported"
  | "coverage"
  | "warning"
  /** Distributed TLC (server/worker); never used by ts2tla. */
  | "distributed";

export interface TlcCode {
  /** The constant's name in tlc2.output.EC. */
  name: string;
  category: CodeCategory;
  /** For category `violation`: what kind. */
  violation?: ViolationKind;
}

const table: Array<[number, string, CodeCategory, ViolationKind?]> = [
  [1000, "GENERAL", "evaluation-error"],
  [1001, "SYSTEM_OUT_OF_MEMORY", "out-of-memory"],
  [1002, "SYSTEM_OUT_OF_MEMORY_TOO_MANY_INIT", "out-of-memory"],
  [1003, "SYSTEM_OUT_OF_MEMORY_LIVENESS", "out-of-memory"],
  [1005, "SYSTEM_STACK_OVERFLOW", "evaluation-error"],
  [1101, "WRONG_COMMANDLINE_PARAMS_SIMULATOR", "option-error"],
  [1102, "WRONG_COMMANDLINE_PARAMS_TLC", "option-error"],

  [2000, "TLC_PP_PARSING_VALUE", "system-error"],
  [2001, "TLC_PP_FORMATING_VALUE", "system-error"],
  [2100, "TLC_METADIR_EXISTS", "system-error"],
  [2101, "TLC_METADIR_CAN_NOT_BE_CREATED", "system-error"],
  [2102, "TLC_INITIAL_STATE", "trace"],
  [2103, "TLC_NESTED_EXPRESSION", "evaluation-error"],
  [2104, "TLC_ASSUMPTION_FALSE", "violation", "assume"],
  [2105, "TLC_ASSUMPTION_EVALUATION_ERROR", "evaluation-error"],
  [2106, "TLC_STATE_NOT_COMPLETELY_SPECIFIED_INITIAL", "evaluation-error"],
  [2107, "TLC_INVARIANT_VIOLATED_INITIAL", "violation", "invariant"],
  [2108, "TLC_PROPERTY_VIOLATED_INITIAL", "violation", "property"],
  [2109, "TLC_STATE_NOT_COMPLETELY_SPECIFIED_NEXT", "evaluation-error"],
  [2110, "TLC_INVARIANT_VIOLATED_BEHAVIOR", "violation", "invariant"],
  [2111, "TLC_INVARIANT_EVALUATION_FAILED", "evaluation-error"],
  [2112, "TLC_ACTION_PROPERTY_VIOLATED_BEHAVIOR", "violation", "action-property"],
  [2113, "TLC_ACTION_PROPERTY_EVALUATION_FAILED", "evaluation-error"],
  [2114, "TLC_DEADLOCK_REACHED", "violation", "deadlock"],
  [2115, "TLC_STATES_AND_NO_NEXT_ACTION", "evaluation-error"],
  [2116, "TLC_TEMPORAL_PROPERTY_VIOLATED", "violation", "property"],
  [2117, "TLC_FAILED_TO_RECOVER_NEXT", "system-error"],
  [2118, "TLC_NO_STATES_SATISFYING_INIT", "evaluation-error"],
  [2119, "TLC_STRING_MODULE_NOT_FOUND", "parse-error"],
  [2120, "TLC_ERROR_STATE", "trace"],
  [2121, "TLC_BEHAVIOR_UP_TO_THIS_POINT", "trace"],
  [2122, "TLC_BACK_TO_STATE", "trace"],
  [2123, "TLC_FAILED_TO_RECOVER_INIT", "system-error"],
  [2124, "TLC_REPORTER_DIED", "system-error"],
  [2125, "SYSTEM_ERROR_READING_POOL", "system-error"],
  [2126, "SYSTEM_CHECKPOINT_RECOVERY_CORRUPT", "system-error"],
  [2127, "SYSTEM_ERROR_WRITING_POOL", "system-error"],
  [2128, "TLC_BUG", "system-error"],
  [2129, "SYSTEM_DISKGRAPH_ACCESS", "system-error"],
  [2130, "TLC_AAAAAAA", "system-error"],
  [2131, "TLC_REGISTRY_INIT_ERROR", "system-error"],
  [2132, "TLC_VALUE_ASSERT_FAILED", "violation", "assert"],
  [2133, "TLC_FP_NOT_IN_SET", "system-error"],
  [2134, "SYSTEM_INDEX_ERROR", "system-error"],
  [2135, "SYSTEM_STREAM_EMPTY", "system-error"],
  [2136, "TLC_PARAMETER_MUST_BE_POSTFIX", "evaluation-error"],
  [2137, "SYSTEM_FILE_NULL", "system-error"],
  [2138, "SYSTEM_INTERRUPTED", "system-error"],
  [2139, "TLC_COULD_NOT_DETERMINE_SUBSCRIPT", "evaluation-error"],
  [2140, "TLC_SUBSCRIPT_CONTAIN_NO_STATE_VAR", "evaluation-error"],
  [2141, "TLC_WRONG_TUPLE_FIELD_NAME", "evaluation-error"],
  [2142, "TLC_WRONG_RECORD_FIELD_NAME", "evaluation-error"],
  [2143, "TLC_UNCHANGED_VARIABLE_CHANGED", "evaluation-error"],
  [2144, "TLC_EXCEPT_APPLIED_TO_UNKNOWN_FIELD", "evaluation-error"],
  [2145, "TLC_MODULE_TLCGET_UNDEFINED", "evaluation-error"],
  [2146, "TLC_INVARIANT_VIOLATED_LEVEL", "evaluation-error"],
  [2147, "TLC_FINGERPRINT_EXCEPTION", "evaluation-error"],
  [2148, "TLC_STATE_NOT_COMPLETELY_SPECIFIED_LIVE", "evaluation-error"],
  [2154, "TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE", "evaluation-error"],
  [2155, "TLC_MODULE_COMPARE_VALUE", "evaluation-error"],
  [2156, "TLC_FEATURE_UNSUPPORTED", "unsupported"],
  [2157, "TLC_MODULE_TRANSITIVE_CLOSURE", "evaluation-error"],
  [2158, "TLC_MODULE_CHECK_MEMBER_OF", "evaluation-error"],
  [2159, "TLC_LIVE_BEGRAPH_FAILED_TO_CONSTRUCT", "system-error"],
  [2160, "SYSTEM_UNABLE_NOT_RENAME_FILE", "system-error"],
  [2161, "SYSTEM_DISK_IO_ERROR_FOR_FILE", "system-error"],
  [2162, "SYSTEM_METADIR_EXISTS", "system-error"],
  [2163, "SYSTEM_METADIR_CREATION_ERROR", "system-error"],
  [2164, "TLC_CHOOSE_ARGUMENTS_WRONG", "evaluation-error"],
  [2165, "TLC_CHOOSE_UPPER_BOUND", "evaluation-error"],
  [2166, "TLC_FP_VALUE_ALREADY_ON_DISK", "system-error"],
  [2167, "SYSTEM_UNABLE_TO_OPEN_FILE", "system-error"],
  [2168, "TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE_LOADED", "info"],
  [2169, "TLC_MODULE_ARGUMENT_ERROR", "evaluation-error"],
  [2170, "TLC_ARGUMENT_MISMATCH", "evaluation-error"],
  [2171, "TLC_PARSING_FAILED2", "parse-error"],
  [2172, "TLC_TOO_MNY_POSSIBLE_STATES", "evaluation-error"],
  [2173, "TLC_ERROR_REPLACING_MODULES", "config-error"],
  [2174, "SYSTEM_ERROR_READING_STATES", "system-error"],
  [2175, "SYSTEM_ERROR_WRITING_STATES", "system-error"],
  [2176, "TLC_MODULE_APPLYING_TO_WRONG_VALUE", "evaluation-error"],
  [2177, "TLC_MODULE_BAG_UNION1", "evaluation-error"],
  [2178, "TLC_MODULE_OVERFLOW", "evaluation-error"],
  [2179, "TLC_MODULE_DIVISION_BY_ZERO", "evaluation-error"],
  [2180, "TLC_MODULE_NULL_POWER_NULL", "evaluation-error"],
  [2181, "TLC_MODULE_COMPUTING_CARDINALITY", "evaluation-error"],
  [2182, "TLC_MODULE_EVALUATING", "evaluation-error"],
  [2183, "TLC_MODULE_ARGUMENT_NOT_IN_DOMAIN", "evaluation-error"],
  [2184, "TLC_MODULE_APPLY_EMPTY_SEQ", "evaluation-error"],
  [2185, "TLC_STARTING", "info"],
  [2186, "TLC_FINISHED", "info"],
  [2187, "TLC_MODE_MC", "info"],
  [2188, "TLC_MODE_SIMU", "info"],
  [2189, "TLC_COMPUTING_INIT", "info"],
  [2190, "TLC_INIT_GENERATED1", "stats"],
  [2191, "TLC_INIT_GENERATED2", "stats"],
  [2192, "TLC_CHECKING_TEMPORAL_PROPS", "info"],
  [2193, "TLC_SUCCESS", "success"],
  [2194, "TLC_SEARCH_DEPTH", "stats"],
  [2195, "TLC_CHECKPOINT_START", "info"],
  [2196, "TLC_CHECKPOINT_END", "info"],
  [2197, "TLC_CHECKPOINT_RECOVER_START", "info"],
  [2198, "TLC_CHECKPOINT_RECOVER_END", "info"],
  [2199, "TLC_STATS", "stats"],
  [2200, "TLC_PROGRESS_STATS", "progress"],
  [2201, "TLC_COVERAGE_START", "coverage"],
  [2202, "TLC_COVERAGE_END", "coverage"],
  [2203, "TLC_CHECKPOINT_RECOVER_END_DFID", "info"],
  [2204, "TLC_STATS_DFID", "stats"],
  [2205, "TLC_PROGRESS_START_STATS_DFID", "progress"],
  [2206, "TLC_PROGRESS_STATS_DFID", "progress"],
  [2207, "TLC_INIT_GENERATED3", "stats"],
  [2208, "TLC_INIT_GENERATED4", "stats"],
  [2209, "TLC_PROGRESS_SIMU", "progress"],
  [2210, "TLC_STATS_SIMU", "stats"],
  [2211, "TLC_FP_COMPLETED", "info"],
  [2212, "TLC_LIVE_IMPLIED", "info"],
  [2213, "TLC_LIVE_CANNOT_HANDLE_FORMULA", "unsupported"],
  [2214, "TLC_LIVE_WRONG_FORMULA_FORMAT", "evaluation-error"],
  [2215, "TLC_EXPECTED_VALUE", "evaluation-error"],
  [2216, "TLC_STATE_PRINT1", "trace"],
  [2217, "TLC_STATE_PRINT2", "trace"],
  [2218, "TLC_STATE_PRINT3", "trace"],
  [2219, "TLC_SANY_END", "info"],
  [2220, "TLC_SANY_START", "info"],
  [2221, "TLC_COVERAGE_VALUE", "coverage"],
  [2222, "TLC_CONFIG_VALUE_NOT_ASSIGNED_TO_CONSTANT_PARAM", "config-error"],
  [2223, "TLC_CONFIG_RHS_ID_APPEARED_AFTER_LHS_ID", "config-error"],
  [2224, "TLC_CONFIG_WRONG_SUBSTITUTION", "config-error"],
  [2225, "TLC_CONFIG_WRONG_SUBSTITUTION_NUMBER_OF_ARGS", "config-error"],
  [2226, "TLC_CONFIG_ID_DOES_NOT_APPEAR_IN_SPEC", "config-error"],
  [2227, "TLC_CONFIG_NOT_BOTH_SPEC_AND_INIT", "config-error"],
  [2228, "TLC_CONFIG_ID_REQUIRES_NO_ARG", "config-error"],
  [2229, "TLC_CONFIG_SPECIFIED_NOT_DEFINED", "config-error"],
  [2230, "TLC_CONFIG_ID_HAS_VALUE", "config-error"],
  [2231, "TLC_CONFIG_MISSING_INIT", "config-error"],
  [2232, "TLC_CONFIG_MISSING_NEXT", "config-error"],
  [2233, "TLC_CONFIG_ID_MUST_NOT_BE_CONSTANT", "config-error"],
  [2234, "TLC_CONFIG_OP_NO_ARGS", "config-error"],
  [2235, "TLC_CONFIG_OP_NOT_IN_SPEC", "config-error"],
  [2236, "TLC_CONFIG_OP_IS_EQUAL", "config-error"],
  [2237, "TLC_CONFIG_SPEC_IS_TRIVIAL", "config-error"],
  [2238, "TLC_CANT_HANDLE_SUBSCRIPT", "config-error"],
  [2239, "TLC_CANT_HANDLE_CONJUNCT", "config-error"],
  [2240, "TLC_CANT_HANDLE_TOO_MANY_NEXT_STATE_RELS", "config-error"],
  [2241, "TLC_CONFIG_PROPERTY_NOT_CORRECTLY_DEFINED", "config-error"],
  [2242, "TLC_CONFIG_OP_ARITY_INCONSISTENT", "config-error"],
  [2243, "TLC_CONFIG_NO_STATE_TYPE", "config-error"],
  [2244, "TLC_CANT_HANDLE_REAL_NUMBERS", "config-error"],
  [2245, "TLC_NO_MODULES", "config-error"],
  [2246, "TLC_EXPECTED_EXPRESSION", "evaluation-error"],
  [2247, "TLC_EXPECTED_EXPRESSION_IN_COMPUTING", "evaluation-error"],
  [2248, "TLC_EXPECTED_EXPRESSION_IN_COMPUTING2", "evaluation-error"],
  [2249, "TLC_LIVE_ENCOUNTERED_ACTIONS", "evaluation-error"],
  [2250, "TLC_LIVE_STATE_PREDICATE_NON_BOOL", "evaluation-error"],
  [2251, "TLC_LIVE_CANNOT_EVAL_FORMULA", "evaluation-error"],
  [2252, "TLC_LIVE_ENCOUNTERED_NONBOOL_PREDICATE", "evaluation-error"],
  [2253, "TLC_LIVE_FORMULA_TAUTOLOGY", "evaluation-error"],
  [2254, "SYSTEM_FINGERPRINT_OVERFLOW_ERROR", "system-error"],
  [2255, "TLC_LIVE_FORMULA_STATE_LEVEL", "info"],
  [2256, "TLC_NO_STATES_SATISFYING_INIT_AND_CONSTRAINT", "evaluation-error"],
  [2257, "TLC_CONFIG_NO_SPEC_BUT_PROPERTY", "config-error"],
  [2260, "TLC_ENABLED_WRONG_FORMULA", "evaluation-error"],
  [2261, "TLC_ENCOUNTERED_FORMULA_IN_PREDICATE", "evaluation-error"],
  [2262, "TLC_VERSION", "info"],
  [2264, "TLC_COUNTER_EXAMPLE", "trace"],
  [2265, "TLC_INTEGER_TOO_BIG", "evaluation-error"],
  [2266, "TLC_MODULE_ARGUMENT_ERROR_AN", "evaluation-error"],
  [2267, "TLC_CHECKING_TEMPORAL_PROPS_END", "info"],
  [2268, "TLC_STATE_GRAPH_OUTDEGREE", "stats"],
  [2269, "TLC_COMPUTING_INIT_PROGRESS", "info"],
  [2270, "SYSTEM_ERROR_CLEANING_POOL", "system-error"],
  [2271, "TLC_MODE_MC_DFS", "info"],
  [2279, "TLC_FEATURE_UNSUPPORTED_LIVENESS_SYMMETRY", "unsupported"],
  [2280, "TLC_CONFIG_UNDEFINED_OR_NO_OPERATOR", "config-error"],
  [2281, "TLC_CONFIG_SUBSTITUTION_NON_CONSTANT", "config-error"],
  [2282, "TLC_TRACE_TOO_LONG", "evaluation-error"],
  [2283, "TLC_MODULE_ONE_ARGUMENT_ERROR", "evaluation-error"],
  [2284, "TLC_FEATURE_LIVENESS_CONSTRAINTS", "unsupported"],
  [2300, "TLC_SYMMETRY_SET_TOO_SMALL", "config-error"],
  [2301, "TLC_SPECIFICATION_FEATURES_TEMPORAL_QUANTIFIER", "unsupported"],
  [2400, "TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE_MISMATCH", "warning"],
  [2401, "TLC_ENVIRONMENT_JVM_GC", "warning"],
  [2402, "TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE_MODULE_MISMATCH", "warning"],
  [2403, "TLC_MODULE_VALUE_JAVA_METHOD_OVERRIDE_IDENTIFIER_MISMATCH", "warning"],
  [2501, "TLC_TE_SPEC_GENERATION_COMPLETE", "info"],
  [2502, "TLC_TE_SPEC_GENERATION_ERROR", "warning"],
  [2772, "TLC_COVERAGE_NEXT", "coverage"],
  [2773, "TLC_COVERAGE_INIT", "coverage"],
  [2774, "TLC_COVERAGE_PROPERTY", "coverage"],
  [2775, "TLC_COVERAGE_VALUE_COST", "coverage"],
  [2776, "TLC_COVERAGE_MISMATCH", "coverage"],
  [2777, "TLC_COVERAGE_END_OVERHEAD", "coverage"],
  [2778, "TLC_COVERAGE_CONSTRAINT", "coverage"],
  [2779, "TLC_COVERAGE_VAR", "coverage"],
  [3000, "CHECK_FAILED_TO_CHECK", "system-error"],
  [3001, "CHECK_COULD_NOT_READ_TRACE", "system-error"],
  [3002, "TLC_PARSING_FAILED", "parse-error"],
  [4000, "SANY_PARSER_CHECK_1", "parse-error"],
  [4001, "SANY_PARSER_CHECK_2", "parse-error"],
  [4002, "SANY_PARSER_CHECK_3", "parse-error"],
  [5001, "CFG_ERROR_READING_FILE", "config-error"],
  [5002, "CFG_GENERAL", "config-error"],
  [5003, "CFG_MISSING_ID", "config-error"],
  [5004, "CFG_TWICE_KEYWORD", "config-error"],
  [5005, "CFG_EXPECT_ID", "config-error"],
  [5006, "CFG_EXPECTED_SYMBOL", "config-error"],
  [20000, "TLC_MODULE_OVERRIDE_STDOUT", "info"],
];

export const TLC_CODES: ReadonlyMap<number, TlcCode> = new Map(
  table.map(([code, name, category, violation]) => [code, violation ? { name, category, violation } : { name, category }]),
);

/** The well-known codes the parsers refer to by name. */
export const Code = {
  GENERAL: 1000,
  NESTED_EXPRESSION: 2103,
  ASSUMPTION_FALSE: 2104,
  ASSUMPTION_EVALUATION_ERROR: 2105,
  INVARIANT_VIOLATED_INITIAL: 2107,
  PROPERTY_VIOLATED_INITIAL: 2108,
  INVARIANT_VIOLATED_BEHAVIOR: 2110,
  TEMPORAL_PROPERTY_VIOLATED: 2116,
  BEHAVIOR_UP_TO_THIS_POINT: 2121,
  BACK_TO_STATE: 2122,
  ASSERT_FAILED: 2132,
  PARSING_FAILED2: 2171,
  FINISHED: 2186,
  INIT_GENERATED: 2190,
  SUCCESS: 2193,
  SEARCH_DEPTH: 2194,
  STATS: 2199,
  PROGRESS: 2200,
  PROGRESS_SIMULATION: 2209,
  STATE_PRINT1: 2216,
  STATE: 2217,
  STUTTERING: 2218,
  SANY_END: 2219,
  SANY_START: 2220,
  VERSION: 2262,
  COUNTER_EXAMPLE: 2264,
  PARSING_FAILED: 3002,
} as const;

export const Severity = { info: 0, error: 1, tlcBug: 2, warning: 3, state: 4 } as const;

/** An unknown code is classified by its severity alone. */
export function classifyCode(code: number, severity: number): TlcCode {
  const known = TLC_CODES.get(code);
  if (known) return known;
  const category: CodeCategory =
    severity === Severity.error ? "evaluation-error"
    : severity === Severity.tlcBug ? "system-error"
    : severity === Severity.warning ? "warning"
    : severity === Severity.state ? "trace"
    : "info";
  return { name: `UNKNOWN_${code}`, category };
}
