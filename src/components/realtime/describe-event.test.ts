import { describe, expect, it } from 'vitest';
import { describeEvent } from './describe-event';

describe('describeEvent speaks the teacher’s language', () => {
  it('says who joined and as what, and hides the link’s use count', () => {
    const joined = { memberId: 'm', userId: 'u', role: 'voter', via: 'link' } as const;
    expect(describeEvent({ type: 'member.changed', payload: joined })).toBe('joined as a voter');
    expect(describeEvent({ type: 'member.changed', payload: { memberId: 'm', userId: 'u', role: 'editor', via: 'request' } })).toBe(
      'let someone in as an editor',
    );
    const changed = { memberId: 'm', userId: 'u', role: 'viewer', via: 'owner' } as const;
    expect(describeEvent({ type: 'member.changed', payload: changed })).toBe('made a member a viewer');
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

  it('names the hand-over of a map in both directions', () => {
    expect(describeEvent({ type: 'member.changed', payload: { memberId: 'm', userId: null, role: 'owner', via: 'transfer' } })).toBe(
      'handed the map to a new owner',
    );
    expect(describeEvent({ type: 'member.changed', payload: { memberId: 'm', userId: 'u', role: 'editor', via: 'invite' } })).toBe(
      'added someone as an editor',
    );
  });
});
