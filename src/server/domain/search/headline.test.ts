import { describe, expect, it } from 'vitest';
import { HIT_START as S, HIT_STOP as E, locateFirstHit, parseHeadline } from './headline';

describe('parseHeadline', () => {
  it('splits a marked headline into plain and hit segments', () => {
    expect(parseHeadline(`The ${S}Great${E} ${S}Firewall${E} grows`)).toEqual([
      { text: 'The ', isHit: false },
      { text: 'Great', isHit: true },
      { text: ' ', isHit: false },
      { text: 'Firewall', isHit: true },
      { text: ' grows', isHit: false },
    ]);
    expect(parseHeadline('no hits')).toEqual([{ text: 'no hits', isHit: false }]);
  });
});

describe('locateFirstHit', () => {
  const text = 'Intro 😀 “quoted”.\n\nThe Great Firewall filters. Later the Great Firewall again.';
  it('finds the excerpt verbatim and returns the run of hits as UTF-16 offsets', () => {
    const range = locateFirstHit(text, parseHeadline(`“quoted”.\n\nThe ${S}Great${E} ${S}Firewall${E} filters.`));
    expect(range).toEqual({ start: text.indexOf('Great'), end: text.indexOf('Great') + 'Great Firewall'.length });
  });
  it('falls back to the hit with some context, then the word alone', () => {
    const later = text.lastIndexOf('Great');
    expect(locateFirstHit(text, parseHeadline(`<dropped> Later the ${S}Great${E} Firewall again.`))).toEqual({
      start: later,
      end: later + 5,
    });
    expect(locateFirstHit(text, parseHeadline(`xx ${S}filters${E} yy`))).toEqual({
      start: text.indexOf('filters'),
      end: text.indexOf('filters') + 7,
    });
    expect(locateFirstHit(text, parseHeadline('nothing marked'))).toBeNull();
    expect(locateFirstHit(text, parseHeadline(`${S}absent${E}`))).toBeNull();
  });
});
