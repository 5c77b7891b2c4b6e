import { describe, expect, it } from 'vitest';
import { claim, mapView } from '@/components/map/test-map';
import type { MapEventBody } from '@/shared/events';
import { applyEvent, type AppliedEvent } from './apply-event';

const at = new Date('2026-01-02T00:00:00Z');
let nextSeq = 2;
const confirmed = (body: MapEventBody): AppliedEvent => ({ ...body, seq: nextSeq++, isOwn: false, clientMutationId: null, createdAt: at });

const created = (id: string, targetId: string): MapEventBody => ({
  type: 'comment.created',
  payload: {
    comment: {
      id,
      targetKind: 'claim',
      targetId,
      parentId: null,
      text: 'Why?',
      authorId: null,
      authorName: null,
      mentionedUserIds: null,
      createdAt: at,
    },
  },
});

describe('applyEvent with comment events', () => {
  it('counts visible comments per node: created adds, hidden or deleted (if still counted) removes, once per event', () => {
    const base = mapView({ claims: [claim('a')] });
    const first = confirmed(created('k1', 'a'));
    const once = applyEvent(applyEvent(base, first), first);
    expect(once.commentCounts).toEqual({ a: 1 });
    const two = applyEvent(once, confirmed(created('k2', 'a')));
    const hidden = applyEvent(
      two,
      confirmed({ type: 'comment.hidden', payload: { commentId: 'k2', targetKind: 'claim', targetId: 'a', wasCounted: true } }),
    );
    expect(hidden.commentCounts).toEqual({ a: 1 });
    // Deleting the hidden comment later must not count it away twice.
    const deleted = applyEvent(
      hidden,
      confirmed({ type: 'comment.deleted', payload: { commentId: 'k2', targetKind: 'claim', targetId: 'a', wasCounted: false } }),
    );
    expect(deleted.commentCounts).toEqual({ a: 1 });
    expect(deleted.map.lastSeq).toBeGreaterThan(hidden.map.lastSeq);
  });

  it('leaves the view unchanged for edits, resolves and snapshots', () => {
    const base = mapView({ claims: [claim('a')] });
    const resolved = applyEvent(
      base,
      confirmed({ type: 'comment.resolved', payload: { commentId: 'k1', targetKind: 'claim', targetId: 'a', isResolved: true } }),
    );
    expect(resolved.claims).toBe(base.claims);
    expect(resolved.commentCounts).toBe(base.commentCounts);
  });
});
