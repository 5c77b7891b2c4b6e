import { describe, expect, it } from 'vitest';
import { decisionText } from './decision-text';

describe('decisionText', () => {
  it('tells the author what happened to which proposal, with the reason of a rejection', () => {
    expect(decisionText({ kind: 'claim', text: 'Cats are better' }, 'approve')).toBe(
      'Your claim “Cats are better” was approved: everyone can see it now.',
    );
    expect(decisionText({ kind: 'claim', text: 'Cats' }, 'approve', { isEdited: true })).toContain('was edited and approved');
    expect(decisionText({ kind: 'evidence', text: 'a quote' }, 'reject', { reason: 'Not from the source' })).toBe(
      'Your evidence “a quote” was not approved. Reason: Not from the source',
    );
    expect(decisionText({ kind: 'link', text: 'Thesis' }, 'reject')).toBe('Your link to “Thesis” was not approved.');
  });

  it('clips long texts to one line', () => {
    const text = decisionText({ kind: 'claim', text: `${'word '.repeat(40)}\nend` }, 'approve');
    expect(text).not.toContain('\n');
    expect(text).toContain('…');
  });
});
