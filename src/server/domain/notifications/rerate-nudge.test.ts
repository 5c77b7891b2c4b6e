import { describe, expect, it } from 'vitest';
import { rerateText } from './rerate-nudge';

describe('rerateText', () => {
  it('names the kind of new argument and the voter’s earlier rating', () => {
    expect(rerateText({ relation: 'oppose', from: 'claim' }, 'Homework helps', 3)).toBe(
      'A new objection to “Homework helps”, a claim you rated 3, was added — look again?',
    );
    expect(rerateText({ relation: 'support', from: 'evidence' }, 'Homework helps', 0)).toMatch(/^A new piece of evidence for .* rated 0/);
  });

  it('clips a long claim', () => {
    expect(rerateText({ relation: 'support', from: 'claim' }, 'x'.repeat(100), 4)).toContain(`${'x'.repeat(59)}…`);
  });
});
