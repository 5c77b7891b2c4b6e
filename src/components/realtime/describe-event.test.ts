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

  it('tells the moderation story: the setting, moderators, approvals and rejections with their reason', () => {
    const at = new Date('2026-12-01T10:00:00Z');
    const claim = {
      id: 'c',
      text: 'Buses run early',
      x: null,
      y: null,
      version: 1,
      authorId: 'u',
      authorName: 'Ada',
      createdAt: at,
      updatedAt: at,
    };
    expect(describeEvent({ type: 'map.updated', payload: { requireApproval: true } })).toBe('made new claims wait for approval');
    expect(
      describeEvent({ type: 'member.changed', payload: { memberId: 'm', userId: 'u', role: 'editor', via: 'owner', isModerator: true } }),
    ).toBe('made an editor a moderator');
    expect(describeEvent({ type: 'moderation.approved', payload: { claims: [claim], evidence: [], links: [] } })).toBe(
      'approved the claim “Buses run early”',
    );
    expect(
      describeEvent({ type: 'moderation.approved', payload: { claims: [claim, { ...claim, id: 'd' }], evidence: [], links: [] } }),
    ).toBe('approved 2 proposals');
    expect(
      describeEvent({
        type: 'moderation.rejected',
        payload: { kind: 'claim', id: 'c', text: 'Pizza', reason: 'Off topic', claimIds: ['c'], evidenceIds: [], linkIds: [] },
      }),
    ).toBe('turned down the proposed claim “Pizza”: Off topic');
    expect(describeEvent({ type: 'event.withheld', payload: {} })).toBe('');
  });
});
