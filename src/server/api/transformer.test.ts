import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { serialize } from './transformer';

// Trees of what procedures return, with keys that need escaping in superjson's paths.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('a.b', 'x\\y', '0', '__proto__x', ''));
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
);
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(key, tie('tree'), { maxKeys: 4 })),
}));

/** What goes over the wire: tRPC and the event stream send the encoding with JSON.stringify. */
const wire = (encoded: unknown): unknown => JSON.parse(JSON.stringify(encoded));

describe('the fast superjson serializer', () => {
  it('writes exactly what superjson writes for plain trees of JSON values, undefined and Dates', () => {
    fc.assert(
      fc.property(tree, (value) => {
        const sent = wire(serialize(value));
        expect(sent).toEqual(wire(superjson.serialize(value)));
        expect(superjson.deserialize(sent as Parameters<typeof superjson.deserialize>[0])).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it('hands anything else to superjson whole', () => {
    const shared = { id: 'same' };
    for (const value of [
      { tags: new Set(['a']) },
      { byId: new Map([['a', 1]]) },
      { big: 1n },
      { n: Number.NaN },
      { z: -0 },
      { when: new Date(Number.NaN) },
      { twice: [shared, shared] },
      { error: new Error('x') },
      { custom: { toJSON: () => 'custom' } },
    ]) {
      expect(wire(serialize(value))).toEqual(wire(superjson.serialize(value)));
    }
  });
});
