import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event';

describe('describeEvent speaks the teacher’s language', () => {
  it('says who joined and as what, and hides the link’s use count', () => {
    expect(describeEvent({ type: 'member.changed', payload: { memberId: 'm', userId: 'u', role: 'voter', via: 'link' } })).toBe(
      'joined as a voter',
    );
    expect(describeEvent({ type: 'member.changed', payload: { memberId: 'm', userId: 'u', role: 'editor', via: 'request' } })).toBe(
      'let someone in as an editor',
    );
    expect(describeEvent({ type: 'member.changed', payload: { memberId: 'm', userId: 'u', role: 'viewer', via: 'owner' } })).toBe(
      'made a member a viewer',
    );
    expect(describeEvent({ type: 'share.changed', payload: { shareLinkId: 's', action: 'used' } })).toBe('');
  });

  it('names the teacher’s classroom actions', () => {
    expect(describeEvent({ type: 'results.revealed', payload: { resultsRevealed: true } })).toBe('revealed the results');
    expect(describeEvent({ type: 'share.changed', payload: { shareLinkId: 's', action: 'created', role: 'voter' } })).toBe(
      'created a voter link and join code',
    );
    expect(describeEvent({ type: 'map.updated', payload: { visibility: 'link' } })).toBe('opened the map to people with a link or code');
    expect(describeEvent({ type: 'map.updated', payload: { isLocked: true } })).toBe('locked the map');
  });
});
