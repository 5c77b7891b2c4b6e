/** How a computed strength reads on screen: a percentage, or "unrated" when nobody has voted on it or anything below it. */
export function strengthLabel(strength: number | null): { text: string; title: string } {
  if (strength === null) {
    return {
      text: 'unrated',
      title: 'Unrated: nobody has voted on this or on anything that argues about it, so it does not count for or against its parent yet',
    };
  }
  const percent = Math.round(strength * 100);
  return {
    text: `${percent}%`,
    title: `Computed strength ${percent}%: its votes, raised by its rated supporters and lowered by its rated opposers (DF-QuAD)`,
  };
}
