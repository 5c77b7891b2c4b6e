import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCaller } from '@/server/api/root';
import { getDb } from '@/server/db';
import { consumeRateLimit, effectiveLimit, RATE_LIMITS, resetRateLimit } from '@/server/domain/rate-limit/rate-limit';
import type { Actor } from '@/server/access/actor';
import { JOIN_CODE_ALPHABET } from '@/shared/schemas/share';
import { authOptions } from '@/server/auth/options';
import { signUp } from '@/server/domain/users/accounts';
import { FREE_FAILURES } from '@/server/domain/users/sign-in-guard';
import { callerFor, createMapWith, createUser, db } from './helpers';

/** A caller with its own client address, so per-IP limits of one test do not touch another. */
function callerAt(actor: Actor | null, ip = `ip-${crypto.randomBytes(6).toString('hex')}`) {
  return createCaller({ db: getDb(), actor, ip });
}

async function eventsOf(mapId: string, afterSeq = 0) {
  return db().mapEvent.findMany({ where: { mapId, seq: { gt: afterSeq } }, orderBy: { seq: 'asc' } });
}

async function lastSeq(mapId: string) {
  return (await db().map.findUniqueOrThrow({ where: { id: mapId }, select: { lastSeq: true } })).lastSeq;
}

describe('share links and join codes', () => {
  it('creates a link with an unguessable token and a six-character code; a private map opens to link holders', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const before = await lastSeq(map.id);
    const created = await callerFor(owner).share.create({ mapId: map.id, role: 'voter' });
    expect(created.link.token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 bytes, base64url
    expect(created.link.code).toHaveLength(6);
    expect([...created.link.code].every((char) => JOIN_CODE_ALPHABET.includes(char))).toBe(true);
    expect(created.link).toMatchObject({ role: 'voter', status: 'active', useCount: 0, memberCount: 0 });
    expect(created.visibilityChanged).toBe(true);
    expect((await db().map.findUniqueOrThrow({ where: { id: map.id } })).visibility).toBe('link');

    const events = await eventsOf(map.id, before);
    expect(events.map((event) => event.type)).toEqual(['map.updated', 'share.changed']);
    // Every member reads the event stream: it must never carry a link's secrets.
    const serialized = JSON.stringify(events.map((event) => event.payload));
    expect(serialized).not.toContain(created.link.token);
    expect(serialized).not.toContain(created.link.code);

    const second = await callerFor(owner).share.create({ mapId: map.id, role: 'editor' });
    expect(second.visibilityChanged).toBe(false);
    expect(second.link.token).not.toBe(created.link.token);
    const list = await callerFor(owner).share.list({ mapId: map.id });
    expect(list.links.map((link) => link.id)).toEqual([second.link.id, created.link.id]);
  });

  it('previews a link or a code (any case, spaces and dashes ignored) and joins a guest with the link role', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner, [], { title: 'Homework debate' });
    const { link } = await callerFor(owner).share.create({ mapId: map.id, role: 'voter' });
    const typed = ` ${link.code.slice(0, 3).toLowerCase()} - ${link.code.slice(3).toLowerCase()} `;

    expect(await callerAt(null).share.preview({ token: link.token })).toEqual({
      status: 'active',
      mapId: map.id,
      mapTitle: 'Homework debate',
      role: 'voter',
      currentRole: null,
    });
    expect(await callerAt(null).share.preview({ code: typed })).toMatchObject({ status: 'active', mapTitle: 'Homework debate' });
    await expect(callerAt(null).share.preview({ code: 'ABC' })).rejects.toThrow('A join code has 6 characters');

    const guest = await createUser({ isGuest: true, displayName: 'Ada' });
    await expect(callerAt(guest).map.get({ mapId: map.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const before = await lastSeq(map.id);
    const joined = await callerAt(guest).share.join({ code: typed });
    expect(joined).toMatchObject({ mapId: map.id, role: 'voter', isChanged: true });
    const view = await callerAt(guest).map.get({ mapId: map.id });
    expect(view.role).toBe('voter');
    const events = await eventsOf(map.id, before);
    expect(events[0]).toMatchObject({ type: 'member.changed', actorId: guest.id, payload: { userId: guest.id, role: 'voter' } });

    const listed = await callerFor(owner).share.list({ mapId: map.id });
    expect(listed.links[0]).toMatchObject({ useCount: 1, memberCount: 1 });
    await expect(callerAt(null).share.join({ token: link.token })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses an expired link, says why, and does not tell which map it was for', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { link } = await callerFor(owner).share.create({ mapId: map.id, role: 'viewer', expiresAt: new Date(Date.now() + 60_000) });
    expect(link.expiresAt).toBeInstanceOf(Date);
    await expect(callerFor(owner).share.create({ mapId: map.id, role: 'viewer', expiresAt: new Date(Date.now() - 1000) })).rejects.toThrow(
      'The expiry must be in the future.',
    );
    await db().shareLink.update({ where: { id: link.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const preview = await callerAt(null).share.preview({ token: link.token });
    expect(preview).toEqual({ status: 'expired', message: expect.stringContaining('expired') });
    const student = await createUser();
    await expect(callerAt(student).share.join({ token: link.token })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('This link has expired'),
    });
    expect((await callerFor(owner).share.list({ mapId: map.id })).links[0]?.status).toBe('expired');
    await expect(callerAt(student).map.get({ mapId: map.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stops at the use limit, even when students race for the last use', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { link } = await callerFor(owner).share.create({ mapId: map.id, role: 'voter', maxUses: 2 });
    const [a, b, c] = await Promise.all([createUser(), createUser(), createUser()]);
    await callerAt(a).share.join({ token: link.token });
    // Joining again consumes nothing.
    expect(await callerAt(a).share.join({ token: link.token })).toMatchObject({ isChanged: false });
    await callerAt(b).share.join({ token: link.token });
    await expect(callerAt(c).share.join({ token: link.token })).rejects.toThrow('used as many times as its owner allowed');
    expect(await callerAt(null).share.preview({ token: link.token })).toMatchObject({ status: 'used_up' });

    const { link: single } = await callerFor(owner).share.create({ mapId: map.id, role: 'voter', maxUses: 1 });
    const racers = await Promise.all(Array.from({ length: 6 }, () => createUser()));
    const results = await Promise.allSettled(racers.map((racer) => callerAt(racer).share.join({ token: single.token })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const row = await db().shareLink.findUniqueOrThrow({ where: { id: single.id } });
    expect(row.useCount).toBe(1);
    expect(await db().mapMember.count({ where: { joinedViaLinkId: single.id } })).toBe(1);
  });

  it('revokes a link: nobody joins through it any more, those who joined stay', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { link } = await callerFor(owner).share.create({ mapId: map.id, role: 'editor' });
    const early = await createUser();
    await callerAt(early).share.join({ token: link.token });
    const revoked = await callerFor(owner).share.revoke({ id: link.id });
    expect(revoked.link.status).toBe('revoked');
    expect(await callerAt(null).share.preview({ code: link.code })).toMatchObject({ status: 'revoked' });
    await expect(callerAt(await createUser()).share.join({ token: link.token })).rejects.toThrow('turned off');
    expect((await callerAt(early).map.get({ mapId: map.id })).role).toBe('editor');
    const events = await eventsOf(map.id);
    expect(events.at(-1)).toMatchObject({ type: 'share.changed', payload: { shareLinkId: link.id, action: 'revoked' } });
  });

  it('never lowers a role: an editor following a voter link stays an editor; a viewer following an editor link is raised', async () => {
    const owner = await createUser();
    const editor = await createUser();
    const viewer = await createUser();
    const map = await createMapWith(owner, [
      { actor: editor, role: 'editor' },
      { actor: viewer, role: 'viewer' },
    ]);
    const { link: voterLink } = await callerFor(owner).share.create({ mapId: map.id, role: 'voter' });
    const { link: editorLink } = await callerFor(owner).share.create({ mapId: map.id, role: 'editor' });
    expect(await callerAt(editor).share.preview({ token: voterLink.token })).toMatchObject({ role: 'voter', currentRole: 'editor' });
    expect(await callerAt(editor).share.join({ token: voterLink.token })).toMatchObject({ role: 'editor', isChanged: false });
    expect(await callerAt(owner).share.join({ token: editorLink.token })).toMatchObject({ role: 'owner', isChanged: false });
    expect(await callerAt(viewer).share.join({ token: editorLink.token })).toMatchObject({ role: 'editor', isChanged: true });
    expect((await db().shareLink.findUniqueOrThrow({ where: { id: voterLink.id } })).useCount).toBe(0);
    await callerFor(viewer).claim.create({ mapId: map.id, text: 'Now I can edit' });
  });

  it('pauses every link while the map is private, and resumes them when it is shared again', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { link } = await callerFor(owner).share.create({ mapId: map.id, role: 'viewer' });
    await callerFor(owner).map.update({ mapId: map.id, visibility: 'private' });
    expect(await callerAt(null).share.preview({ token: link.token })).toMatchObject({ status: 'paused' });
    const student = await createUser();
    await expect(callerAt(student).share.join({ token: link.token })).rejects.toThrow('private');
    await callerFor(owner).map.update({ mapId: map.id, visibility: 'public' });
    expect(await callerAt(student).share.join({ token: link.token })).toMatchObject({ role: 'viewer' });
  });

  it('lets only the owner create, list and revoke links', async () => {
    const owner = await createUser();
    const editor = await createUser();
    const outsider = await createUser();
    const map = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    const { link } = await callerFor(owner).share.create({ mapId: map.id, role: 'viewer' });
    await expect(callerFor(editor).share.create({ mapId: map.id, role: 'editor' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(editor).share.list({ mapId: map.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(editor).share.revoke({ id: link.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(outsider).share.revoke({ id: link.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(outsider).share.list({ mapId: map.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rate-limits code guessing per address and per user with a retry time; correct codes cost nothing', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    const { link } = await callerFor(owner).share.create({ mapId: map.id, role: 'viewer' });
    const ip = `guesser-${crypto.randomBytes(4).toString('hex')}`;
    // A class behind one address: more correct codes than the limit, all fine.
    for (let index = 0; index < RATE_LIMITS.joinCodeMissPerIp.points + 5; index += 1) {
      expect(await callerAt(null, ip).share.preview({ code: link.code })).toMatchObject({ status: 'active' });
    }
    const wrong = link.code === '222222' ? '333333' : '222222';
    for (let index = 0; index < RATE_LIMITS.joinCodeMissPerIp.points; index += 1) {
      expect(await callerAt(null, ip).share.preview({ code: wrong })).toMatchObject({ status: 'unknown' });
    }
    const refused = callerAt(null, ip).share.preview({ code: link.code });
    await expect(refused).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/^Too many attempts; try again in \d+ (s|min)\.$/),
    });
    await expect(refused).rejects.toMatchObject({ cause: { details: { retryAfterSeconds: expect.any(Number) } } });
    // Another address is not affected; a token is never limited.
    expect(await callerAt(null).share.preview({ code: link.code })).toMatchObject({ status: 'active' });
    expect(await callerAt(null, ip).share.preview({ token: link.token })).toMatchObject({ status: 'active' });

    // Per user, whatever address they come from.
    const user = await createUser();
    for (let index = 0; index < RATE_LIMITS.joinCodeMissPerUser.points; index += 1) {
      await expect(callerAt(user).share.join({ code: wrong })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(callerAt(user).share.join({ code: link.code })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});

describe('members', () => {
  async function classroom() {
    const owner = await createUser({ displayName: 'Teacher' });
    const editor = await createUser({ displayName: 'Eddie' });
    const voter = await createUser({ displayName: 'Vera' });
    const map = await createMapWith(owner, [
      { actor: editor, role: 'editor' },
      { actor: voter, role: 'voter' },
    ]);
    return { owner, editor, voter, map };
  }

  it('lists members to members only, owner first', async () => {
    const { owner, editor, voter, map } = await classroom();
    const list = await callerFor(voter).member.list({ mapId: map.id });
    expect(list.members.map((member) => [member.displayName, member.role, member.isYou])).toEqual([
      ['Teacher', 'owner', false],
      ['Eddie', 'editor', false],
      ['Vera', 'voter', true],
    ]);
    await expect(callerFor(await createUser()).member.list({ mapId: map.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await callerFor(owner).map.update({ mapId: map.id, visibility: 'public' });
    // Anyone may read a public map, but its roster is for members.
    await expect(callerFor(await createUser()).member.list({ mapId: map.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(callerFor(null).member.list({ mapId: map.id })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await callerFor(editor).member.list({ mapId: map.id })).members).toHaveLength(3);
  });

  it('invites an existing account by email, with a clear error for an unknown email or an existing member', async () => {
    const { owner, editor, map } = await classroom();
    const invitee = await createUser({ displayName: 'Ivy' });
    const email = (await db().user.findUniqueOrThrow({ where: { id: invitee.id } })).email!;
    const before = await lastSeq(map.id);
    const invited = await callerFor(owner).member.invite({ mapId: map.id, email: email.toUpperCase(), role: 'viewer' });
    expect(invited).toMatchObject({ role: 'viewer', displayName: 'Ivy' });
    expect((await eventsOf(map.id, before)).map((event) => event.type)).toEqual(['member.changed']);
    expect((await callerFor(invitee).map.get({ mapId: map.id })).role).toBe('viewer');
    await expect(callerFor(owner).member.invite({ mapId: map.id, email: 'nobody@example.test', role: 'viewer' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'No Crux account uses nobody@example.test. Ask them to sign up first, or send them a share link.',
    });
    await expect(callerFor(owner).member.invite({ mapId: map.id, email, role: 'editor' })).rejects.toThrow('already a viewer');
    await expect(callerFor(editor).member.invite({ mapId: map.id, email, role: 'editor' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('changes a role with immediate effect and an event', async () => {
    const { owner, editor, map } = await classroom();
    const memberId = (await callerFor(owner).member.list({ mapId: map.id })).members.find(
      (member) => member.userId === editor.id,
    )!.memberId;
    await callerFor(editor).claim.create({ mapId: map.id, text: 'While an editor' });
    const before = await lastSeq(map.id);
    await callerFor(owner).member.setRole({ memberId, role: 'viewer' });
    const events = await eventsOf(map.id, before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'member.changed', payload: { memberId, userId: editor.id, role: 'viewer' } });
    await expect(callerFor(editor).claim.create({ mapId: map.id, text: 'After' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const ownerMemberId = (await callerFor(owner).member.list({ mapId: map.id })).members[0]!.memberId;
    await expect(callerFor(owner).member.setRole({ memberId: ownerMemberId, role: 'viewer' })).rejects.toThrow('transferring ownership');
    await expect(callerFor(editor).member.setRole({ memberId, role: 'editor' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('removes a member: a member.removed event, and the map is gone for them', async () => {
    const { owner, voter, map } = await classroom();
    const memberId = (await callerFor(owner).member.list({ mapId: map.id })).members.find((member) => member.userId === voter.id)!.memberId;
    const before = await lastSeq(map.id);
    await callerFor(owner).member.remove({ memberId });
    expect(await eventsOf(map.id, before)).toEqual([
      expect.objectContaining({ type: 'member.removed', payload: { memberId, userId: voter.id } }),
    ]);
    await expect(callerFor(voter).map.get({ mapId: map.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(voter).member.list({ mapId: map.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(callerFor(owner).member.remove({ memberId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('transfers ownership: the new owner manages the map, the previous owner stays as an editor', async () => {
    const { owner, editor, map } = await classroom();
    const members = (await callerFor(owner).member.list({ mapId: map.id })).members;
    const editorMemberId = members.find((member) => member.userId === editor.id)!.memberId;
    await callerFor(owner).member.transferOwnership({ memberId: editorMemberId });
    expect((await db().map.findUniqueOrThrow({ where: { id: map.id } })).ownerId).toBe(editor.id);
    expect((await callerFor(owner).map.get({ mapId: map.id })).role).toBe('editor');
    await expect(callerFor(owner).map.update({ mapId: map.id, isLocked: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await callerFor(editor).map.update({ mapId: map.id, title: 'Mine now' });
    const events = (await eventsOf(map.id)).slice(-3);
    expect(events.slice(0, 2).map((event) => event.payload)).toEqual([
      expect.objectContaining({ userId: editor.id, role: 'owner' }),
      expect.objectContaining({ userId: owner.id, role: 'editor' }),
    ]);
    const guest = await createUser({ isGuest: true });
    await db().mapMember.create({ data: { mapId: map.id, userId: guest.id, role: 'viewer' } });
    const guestMemberId = (await callerFor(editor).member.list({ mapId: map.id })).members.find(
      (member) => member.userId === guest.id,
    )!.memberId;
    await expect(callerFor(editor).member.transferOwnership({ memberId: guestMemberId })).rejects.toThrow('guest');
  });
});

describe('teacher controls', () => {
  it('locks the map: read-only for everyone but the owner, with a clear message', async () => {
    const owner = await createUser();
    const editor = await createUser();
    const map = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    await callerFor(owner).map.update({ mapId: map.id, isLocked: true });
    await expect(callerFor(editor).claim.create({ mapId: map.id, text: 'Blocked' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This map is locked by its owner: it is read-only until they unlock it.',
    });
    await callerFor(owner).claim.create({ mapId: map.id, text: 'The owner still edits' });
    await callerFor(owner).map.update({ mapId: map.id, isLocked: false });
    await callerFor(editor).claim.create({ mapId: map.id, text: 'Unlocked' });
  });

  it('anonymous mode hides authors from everyone but the owner in map.get and member.list', async () => {
    const owner = await createUser({ displayName: 'Teacher' });
    const editor = await createUser({ displayName: 'Eddie' });
    const voter = await createUser({ displayName: 'Vera' });
    const map = await createMapWith(owner, [
      { actor: editor, role: 'editor' },
      { actor: voter, role: 'voter' },
    ]);
    await callerFor(editor).claim.create({ mapId: map.id, text: 'Written by Eddie' });
    await callerFor(owner).map.update({ mapId: map.id, isAnonymous: true });

    for (const actor of [editor, voter]) {
      const view = await callerFor(actor).map.get({ mapId: map.id });
      expect(view.claims[0]).toMatchObject({ authorId: null, authorName: null });
      expect(view.map.ownerName).toBeNull();
      // Nothing in the response names a member: not the author, not the owner.
      const serialized = JSON.stringify(view);
      for (const secret of [editor.id, owner.id, 'Teacher']) expect(serialized).not.toContain(secret);
      if (actor !== editor) expect(serialized).not.toContain(`"Eddie"`);
      const { members } = await callerFor(actor).member.list({ mapId: map.id });
      const others = members.filter((member) => !member.isYou);
      expect(others.every((member) => member.displayName === null && member.userId === null)).toBe(true);
      expect(members.find((member) => member.isYou)?.displayName).toBe(actor.displayName);
    }
    const ownerView = await callerFor(owner).map.get({ mapId: map.id });
    expect(ownerView.claims[0]).toMatchObject({ authorId: editor.id, authorName: 'Eddie' });
    const { members } = await callerFor(owner).member.list({ mapId: map.id });
    expect(members.map((member) => member.displayName)).toEqual(['Teacher', 'Eddie', 'Vera']);
  });

  it('exports participation as CSV for the owner, names included unless omitted, formulas defused', async () => {
    const owner = await createUser({ displayName: 'Teacher' });
    const editor = await createUser({ displayName: '=HYPERLINK("http://evil")' });
    const map = await createMapWith(owner, [{ actor: editor, role: 'editor' }]);
    await callerFor(editor).claim.create({ mapId: map.id, text: 'One' });
    await callerFor(editor).claim.create({ mapId: map.id, text: 'Two' });
    await callerFor(owner).map.update({ mapId: map.id, isAnonymous: true });

    const report = await callerFor(owner).map.participation({ mapId: map.id });
    expect(report.rows.map((row) => [row.participant, row.role, row.claimsWritten, row.evidenceAdded, row.votesCast])).toEqual([
      ['Teacher', 'owner', 0, 0, 0],
      ['=HYPERLINK("http://evil")', 'editor', 2, 0, 0],
    ]);
    const lines = report.csv.trim().split('\r\n');
    expect(lines[0]).toBe('participant,role,account,joined_at,claims_written,evidence_added,votes_cast');
    expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)",editor,registered,[^,]+,2,0,0$/);
    expect(report.filename).toMatch(/^participation-test-map-\d{4}-\d{2}-\d{2}\.csv$/);

    const pseudonymous = await callerFor(owner).map.participation({ mapId: map.id, omitNames: true });
    expect(pseudonymous.rows.map((row) => row.participant)).toEqual(['Participant 1', 'Participant 2']);
    expect(pseudonymous.csv).not.toContain('Teacher');
    await expect(callerFor(editor).map.participation({ mapId: map.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('rate limits', () => {
  it('limits writes per user with a 429-class error and a retry time', async () => {
    const owner = await createUser();
    const map = await createMapWith(owner);
    await consumeRateLimit(db(), RATE_LIMITS.writesPerUser, owner.id, RATE_LIMITS.writesPerUser.points);
    await expect(callerFor(owner).claim.create({ mapId: map.id, text: 'One too many' })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: expect.stringMatching(/^Too many attempts; try again in \d+ s\.$/),
    });
    // Reads are not writes.
    await callerFor(owner).map.get({ mapId: map.id });
  });

  it('limits sign-ups per address', async () => {
    const ip = `signup-${crypto.randomBytes(4).toString('hex')}`;
    await consumeRateLimit(db(), RATE_LIMITS.signUpPerIp, ip, RATE_LIMITS.signUpPerIp.points);
    const email = `late-${crypto.randomBytes(4).toString('hex')}@example.test`;
    await expect(callerAt(null, ip).user.signUp({ email, password: 'long enough password' })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    expect(await db().user.findUnique({ where: { email } })).toBeNull();
  });

  it('backs off sign-in per account (failures only, a success clears them) and limits guests per address', async () => {
    type Authorize = (credentials: Record<string, string>, request: { headers: Record<string, string> }) => Promise<unknown>;
    const authorizeOf = (id: string) =>
      (authOptions.providers.find((provider) => provider.options?.id === id) as unknown as { options: { authorize: Authorize } }).options
        .authorize;
    const signIn = authorizeOf('credentials');
    const email = `limited-${crypto.randomBytes(4).toString('hex')}@example.test`;
    await signUp(db(), { email, password: 'correct horse battery' });
    const at = (address: string) => ({ headers: { 'x-crux-client-address': address } });
    const request = at(`signin-${crypto.randomBytes(4).toString('hex')}`);
    for (let index = 0; index < 3; index += 1)
      expect(await signIn({ email, password: 'correct horse battery' }, request)).toMatchObject({ isGuest: false });
    for (let index = 0; index < FREE_FAILURES - 1; index += 1) expect(await signIn({ email, password: 'wrong guess' }, request)).toBeNull();
    // A success forgets the failures: the owner who mistyped a few times is never slowed.
    expect(await signIn({ email, password: 'correct horse battery' }, request)).toMatchObject({ isGuest: false });
    // Then failures block for growing times (1 s, 2 s, 4 s, …): a guesser who keeps going is refused
    // without a check, and the blocks soon outlast the time a guess takes.
    let refusals = 0;
    for (let attempt = 1; attempt <= FREE_FAILURES + 8; attempt += 1) {
      const result = await signIn({ email, password: 'wrong guess' }, request).catch((error: Error) => error);
      if (result instanceof Error) {
        expect(result.message).toMatch(/^Too many attempts; try again in \d+ (s|min)\.$/);
        refusals += 1;
      } else expect(result).toBeNull();
    }
    expect(refusals).toBeGreaterThan(0);
    // Blocked for the right password too, and from any address.
    await expect(signIn({ email, password: 'correct horse battery' }, request)).rejects.toThrow(
      /^Too many attempts; try again in \d+ (s|min)\.$/,
    );
    await expect(signIn({ email, password: 'correct horse battery' }, at('198.51.100.99'))).rejects.toThrow('Too many attempts');

    const guest = authorizeOf('guest');
    const guestIp = `guest-${crypto.randomBytes(4).toString('hex')}`;
    await consumeRateLimit(db(), RATE_LIMITS.guestPerIp, guestIp, RATE_LIMITS.guestPerIp.points);
    await expect(guest({ displayName: 'Ada' }, at(guestIp))).rejects.toThrow('Too many attempts');
    expect(await guest({ displayName: 'Ada' }, at(`${guestIp}-b`))).toMatchObject({ isGuest: true });
  });
});

// Last in this file, whose tests run in order: it spends the global miss budget, then gives it back.
describe('join codes under a flood of wrong ones (attack 2)', () => {
  it('still lets a student in with the correct code while anonymous callers flood wrong codes from many addresses', async () => {
    const owner = await createUser();
    const student = await createUser({ displayName: 'Student' });
    const map = await createMapWith(owner, [], { title: 'Class debate' });
    const { link } = await callerFor(owner).share.create({ mapId: map.id, role: 'voter' });
    const randomCode = () => Array.from({ length: 6 }, () => JOIN_CODE_ALPHABET[crypto.randomInt(JOIN_CODE_ALPHABET.length)]).join('');
    const wrongCode = () => {
      for (;;) {
        const code = randomCode();
        if (code !== link.code) return code;
      }
    };
    try {
      // One attacker address floods until it is refused; its refusals never touch anyone else.
      const attacker = `attacker-${crypto.randomBytes(4).toString('hex')}`;
      const flood = await Promise.allSettled(
        Array.from({ length: 80 }, () => callerAt(null, attacker).share.preview({ code: wrongCode() })),
      );
      expect(flood.some((result) => result.status === 'rejected')).toBe(true);
      // Many addresses (a botnet, or forged ones) spend the global miss budget: the bulk of it at once, the rest for real.
      await consumeRateLimit(db(), RATE_LIMITS.joinCodeMissGlobal, 'all', effectiveLimit(RATE_LIMITS.joinCodeMissGlobal) - 5);
      const spread = await Promise.allSettled(Array.from({ length: 30 }, () => callerAt(null).share.preview({ code: wrongCode() })));
      const refusedMisses = spread.filter((result) => result.status === 'rejected');
      expect(refusedMisses.length).toBeGreaterThanOrEqual(25);
      expect(refusedMisses[0]).toMatchObject({ reason: { code: 'TOO_MANY_REQUESTS' } });

      // The right code still works for a fresh visitor and for the student, who joins.
      expect(await callerAt(null).share.preview({ code: link.code })).toMatchObject({ status: 'active', mapTitle: 'Class debate' });
      expect(await callerAt(student).share.join({ code: formatJoinCodeLoosely(link.code) })).toMatchObject({
        mapId: map.id,
        role: 'voter',
      });
    } finally {
      await resetRateLimit(db(), RATE_LIMITS.joinCodeMissGlobal, 'all');
    }
  });
});

/** How a student types a code off a projector: lower case, with a dash. */
function formatJoinCodeLoosely(code: string): string {
  return `${code.slice(0, 3).toLowerCase()}-${code.slice(3)}`;
}
