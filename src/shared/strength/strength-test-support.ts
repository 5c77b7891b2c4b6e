/** For the strength tests: the strength computed for `id`, failing the test when the result has none. */
export function strengthOf(result: { strengths: Record<string, number> }, id: string): number {
  const strength = result.strengths[id];
  if (strength === undefined) throw new Error(`no strength for ${id}`);
  return strength;
}
