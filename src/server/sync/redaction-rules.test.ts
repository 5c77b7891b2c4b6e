import { describe, expect, it } from 'vitest';
import { isInEventAudience } from './redaction-rules';

describe('isInEventAudience', () => {
  it('lets everyone see an unrestricted event, and a restricted one only its user and the moderators', () => {
    const student = { userId: 'ada', isModerator: false };
    const other = { userId: 'bo', isModerator: false };
    const moderator = { userId: 'teacher', isModerator: true };
    const visitor = { userId: null, isModerator: false };
    expect([student, other, moderator, visitor].map((viewer) => isInEventAudience(viewer, null))).toEqual([true, true, true, true]);
    expect([student, other, moderator, visitor].map((viewer) => isInEventAudience(viewer, 'ada'))).toEqual([true, false, true, false]);
  });
});
