// The one rule for expanding `matrix(name, vary, base)`, shared by the language (at run time) and the
// compiler (which reads it statically), so that both give the same scenarios in the same order.

/** Every combination of one value per axis, the first axis varying slowest. */
export function combinations<V>(axes: ReadonlyArray<readonly [string, readonly V[]]>): Array<Array<[string, V]>> {
  let out: Array<Array<[string, V]>> = [[]];
  for (const [key, values] of axes) out = out.flatMap((combo) => values.map((v): Array<[string, V]> => [...combo, [key, v]]));
  return out;
}

/** The template with each `{key}` replaced by its value. */
export function matrixName(template: string, combo: ReadonlyArray<readonly [string, unknown]>): string {
  return combo.reduce((n, [key, v]) => n.split(`{${key}}`).join(String(v)), template);
}
