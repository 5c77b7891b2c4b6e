import { describe, expect, it } from 'vitest';
import { claim, link, mapView } from '@/components/map/test-map';
import type { MapEventBody } from '@/shared/events';
import { applyEvent, type AppliedEvent } from './apply-event';

const at = new Date('2026-01-02T00:00:00Z');
let nextSeq = 2;
const confirmed = (body: MapEventBody): AppliedEvent => ({ ...body, seq: nextSeq++, isOwn: false, clientMutationId: null, createdAt: at });

const proposal = {
  id: 'p',
  title: null,
  text: 'A proposal',
  x: null,
  y: null,
  version: 1,
  authorId: 'u2',
  authorName: 'Ben',
  createdAt: at,
  updatedAt: at,
};

describe('applyEvent: moderation', () => {
  it('marks an arriving proposal, and an approval publishes it (or brings it to a view that never had it)', () => {
    const base = mapView({ claims: [claim('t')] });
    const proposed = applyEvent(
      base,
      confirmed({
        type: 'claim.created',
        payload: { claim: { ...proposal, awaitingApproval: true }, link: { ...link('p', 't'), awaitingApproval: true } },
      }),
    );
    expect(proposed.claims.find((c) => c.id === 'p')?.awaitingApproval).toBe(true);
    expect(proposed.links[0]?.awaitingApproval).toBe(true);

    const approval = confirmed({ type: 'moderation.approved', payload: { claims: [proposal], evidence: [], links: [link('p', 't')] } });
    for (const view of [proposed, base]) {
      const after = applyEvent(view, { ...approval, seq: Math.max(view.map.lastSeq, approval.seq!) + 1 });
      expect(after.claims.map((c) => [c.id, c.awaitingApproval ?? false])).toEqual([
        ['t', false],
        ['p', false],
      ]);
      expect(after.links.map((l) => [l.id, l.awaitingApproval ?? false])).toEqual([['p>t', false]]);
    }
  });

  it('removes a rejected proposal with its links, and a withheld placeholder only moves the seq', () => {
    const view = mapView({ claims: [claim('t'), { ...claim('p'), awaitingApproval: true }], links: [link('p', 't')] });
    const rejected = applyEvent(
      view,
      confirmed({
        type: 'moderation.rejected',
        payload: { kind: 'claim', id: 'p', text: 'A proposal', reason: 'Off topic', claimIds: ['p'], evidenceIds: [], linkIds: ['p>t'] },
      }),
    );
    expect(rejected.claims.map((c) => c.id)).toEqual(['t']);
    expect(rejected.links).toEqual([]);
    const placeholder = confirmed({ type: 'event.withheld', payload: {} });
    const after = applyEvent(rejected, placeholder);
    expect(after.claims).toBe(rejected.claims);
    expect(after.map.lastSeq).toBe(placeholder.seq);
  });
});
