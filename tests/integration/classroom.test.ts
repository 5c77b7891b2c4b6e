import { describe, expect, it } from 'vitest';
import { callerFor, createUser, db } from './helpers';

describe('templates and duplicating a map', () => {
  it('creates a map from a template: the title is the thesis, with pros and cons under it', async () => {
    const teacher = await createUser();
    const map = await callerFor(teacher).map.createFromTemplate({ templateId: 'pros-cons', title: 'Should school start later?' });
    const view = await callerFor(teacher).map.get({ mapId: map.id });
    expect(view.role).toBe('owner');
    expect(view.map.visibility).toBe('private');
    const thesis = view.claims.find((claim) => claim.text === 'Should school start later?');
    expect(thesis).toBeDefined();
    const into = view.links.filter((link) => link.toClaimId === thesis!.id);
    expect(into.map((link) => link.relation).sort()).toEqual(['oppose', 'oppose', 'support', 'support']);
  });

  it('duplicates content for another class, without votes, members or links; only the owner may', async () => {
    const teacher = await createUser();
    const student = await createUser();
    const original = await callerFor(teacher).map.createFromTemplate({ templateId: 'debate', title: 'Zoos' });
    const text = 'Zoos protect endangered species.';
    const source = await callerFor(teacher).source.create({ mapId: original.id, title: 'An article', text });
    const view = await callerFor(teacher).map.get({ mapId: original.id });
    const thesis = view.claims.find((claim) => claim.text === 'Zoos')!;
    await callerFor(teacher).evidence.create({ sourceId: source.source.id, start: 0, end: 4, claimId: thesis.id, relation: 'support' });
    await db().mapMember.create({ data: { mapId: original.id, userId: student.id, role: 'voter' } });
    await callerFor(student).vote.cast({ claimId: thesis.id, value: 4 });
    await expect(callerFor(student).map.duplicate({ mapId: original.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const copy = await callerFor(teacher).map.duplicate({ mapId: original.id });
    expect(copy.title).toBe('Zoos (copy)');
    const copied = await callerFor(teacher).map.get({ mapId: copy.id });
    expect(copied.claims.map((claim) => claim.text).sort()).toEqual(view.claims.map((claim) => claim.text).sort());
    expect(copied.links).toHaveLength(view.links.length + 1);
    expect(copied.sources.map((item) => item.title)).toEqual(['An article']);
    expect(copied.evidence.map((item) => item.exact)).toEqual(['Zoos']);
    expect(await db().vote.count({ where: { mapId: copy.id } })).toBe(0);
    expect(await db().mapMember.findMany({ where: { mapId: copy.id }, select: { userId: true, role: true } })).toEqual([
      { userId: teacher.id, role: 'owner' },
    ]);
  });
});

describe('class status and access requests', () => {
  it('counts votes per member and claim, names pseudonyms in anonymous mode, ranks disagreement', async () => {
    const teacher = await createUser();
    const [ada, grace, lin] = await Promise.all([createUser({ displayName: 'Ada' }), createUser({ displayName: 'Grace' }), createUser()]);
    const map = await callerFor(teacher).map.createFromTemplate({ templateId: 'pros-cons', title: 'Homework' });
    for (const user of [ada, grace, lin]) await db().mapMember.create({ data: { mapId: map.id, userId: user.id, role: 'voter' } });
    const view = await callerFor(teacher).map.get({ mapId: map.id });
    const thesis = view.claims.find((claim) => claim.text === 'Homework')!;
    await callerFor(ada).vote.cast({ claimId: thesis.id, value: 4 });
    await callerFor(grace).vote.cast({ claimId: thesis.id, value: 0 });

    const status = await callerFor(teacher).map.classStatus({ mapId: map.id });
    expect(status.totalVotes).toBe(2);
    expect(status.members.map((member) => [member.name, member.votesCast])).toEqual([
      ['Ada', 1],
      ['Grace', 1],
      [lin.displayName, 0],
    ]);
    expect(status.mostDisagreement).toEqual([{ claimId: thesis.id, votes: 2, spread: 2, votesBeforeLatestArgument: 0 }]);
    await expect(callerFor(ada).map.classStatus({ mapId: map.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    await callerFor(teacher).map.update({ mapId: map.id, isAnonymous: true });
    const anonymous = await callerFor(teacher).map.classStatus({ mapId: map.id });
    expect(anonymous.members.map((member) => member.name)).toEqual(['Participant 1', 'Participant 2', 'Participant 3']);
  });

  it('counts per claim the votes cast before its latest argument', async () => {
    const teacher = await createUser();
    const [ada, bo] = [await createUser(), await createUser()];
    const map = await callerFor(teacher).map.create({ title: 'Stale votes' });
    await db().mapMember.createMany({
      data: [ada, bo].map((user) => ({ mapId: map.id, userId: user.id, role: 'voter' as const })),
    });
    const thesis = (await callerFor(teacher).claim.create({ mapId: map.id, text: 'Uniforms help' })).claim;
    await callerFor(ada).vote.cast({ claimId: thesis.id, value: 3 });
    const before = await callerFor(teacher).map.classStatus({ mapId: map.id });
    expect(before.claims.find((claim) => claim.claimId === thesis.id)?.votesBeforeLatestArgument).toBe(0);

    await callerFor(teacher).claim.create({ mapId: map.id, text: 'They cost money', parentId: thesis.id, relation: 'oppose' });
    await callerFor(bo).vote.cast({ claimId: thesis.id, value: 1 });
    const after = await callerFor(teacher).map.classStatus({ mapId: map.id });
    // Ada voted before the objection, Bo after it.
    expect(after.claims.find((claim) => claim.claimId === thesis.id)?.votesBeforeLatestArgument).toBe(1);
    await callerFor(ada).vote.cast({ claimId: thesis.id, value: 2 });
    const reRated = await callerFor(teacher).map.classStatus({ mapId: map.id });
    expect(reRated.claims.find((claim) => claim.claimId === thesis.id)?.votesBeforeLatestArgument).toBe(0);
  });

  it('a request is answered the same for a map that does not exist; the owner lets the person in with a role', async () => {
    const owner = await createUser();
    const outsider = await createUser({ displayName: 'Outsider' });
    const map = await callerFor(owner).map.create({ title: 'Private plan' });
    expect(await callerFor(outsider).member.requestAccess({ mapId: 'no-such-map' })).toEqual({ status: 'requested' });
    expect(await callerFor(outsider).member.requestAccess({ mapId: map.id })).toEqual({ status: 'requested' });
    // Asking twice keeps one request.
    await callerFor(outsider).member.requestAccess({ mapId: map.id });
    expect(await callerFor(outsider).member.requestStatus({ mapId: map.id })).toEqual({ isMember: false });

    const requests = await callerFor(owner).member.listRequests({ mapId: map.id });
    expect(requests.map((request) => request.displayName)).toEqual(['Outsider']);
    await callerFor(owner).member.approveRequest({ requestId: requests[0]!.id, role: 'editor' });
    expect(await callerFor(outsider).member.requestStatus({ mapId: map.id })).toEqual({ isMember: true });
    expect((await callerFor(outsider).map.get({ mapId: map.id })).role).toBe('editor');
    expect(await callerFor(owner).member.listRequests({ mapId: map.id })).toEqual([]);
    const events = await db().mapEvent.findMany({ where: { mapId: map.id, type: 'member.changed' }, select: { payload: true } });
    expect(events.map((event) => (event.payload as { via: string }).via)).toEqual(['request']);
    // A member who asks is told so.
    expect(await callerFor(outsider).member.requestAccess({ mapId: map.id })).toEqual({ status: 'member' });
  });
});
