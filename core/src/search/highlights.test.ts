import { HIGHLIGHT_WINDOW, highlightsOf, matchRanges } from './highlights';
import { searchTermsOf } from './search-terms';

const ranges = (text: string, q: string) => matchRanges(text, searchTermsOf(q));
const marked = (text: string, q: string) => {
  let out = '';
  let at = 0;
  for (const [s, e] of ranges(text, q)) {
    out += `${text.slice(at, s)}[${text.slice(s, e)}]`;
    at = e;
  }
  return out + text.slice(at);
};

describe('search highlights', () => {
  it('marks Latin word prefixes whatever their case, not matches inside a word', () => {
    expect(marked('Acme Trading, PLACME acme-corp', 'acm')).toBe('[Acm]e Trading, PLACME [acm]e-corp');
    expect(marked('ÉCOLE école', 'éc')).toBe('[ÉC]OLE [éc]ole');
  });

  it('marks a single Latin character only as a whole word', () => {
    expect(marked('a abc b a', 'a')).toBe('[a] abc b [a]');
  });

  it('marks CJK substrings of 1, 2 and more characters, every occurrence', () => {
    expect(marked('四川糖酒集团糖酒公司', '糖酒')).toBe('四川[糖酒]集团[糖酒]公司');
    expect(marked('四川糖酒集团糖酒公司', '糖')).toBe('四川[糖]酒集团[糖]酒公司');
    expect(marked('糖酒集团 糖酒公司', '糖酒公司')).toBe('糖酒集团 [糖酒公司]');
    expect(ranges('糖酒集团 酒公司', '糖酒公司')).toEqual([]);
  });

  it('merges overlapping and touching ranges of several terms', () => {
    expect(ranges('四川糖酒', '四川 川糖 酒')).toEqual([[0, 4]]);
    expect(marked('Acme 四川糖酒 trade', 'trad 糖 acme')).toBe('[Acme] 四川[糖]酒 [trad]e');
  });

  it('gives the fields with a match, in order, and leaves out empty values and fields without one', () => {
    const terms = searchTermsOf('acme');
    expect(highlightsOf([{ field: 'name', text: 'Acme' }, { field: 'email', text: 'bob@globex.com' }, { field: 'phone', text: null }, { field: 'web', text: 'acme.com' }], terms))
      .toEqual([{ field: 'name', text: 'Acme', ranges: [[0, 4]] }, { field: 'web', text: 'acme.com', ranges: [[0, 4]] }]);
  });

  it('cuts a long value to a window around its first match, ranges inside it', () => {
    const text = `${'x '.repeat(200)}Acme ${'y '.repeat(200)}acme`;
    const [highlight] = highlightsOf([{ field: 'body', text }], searchTermsOf('acme'));
    expect(highlight!.text).toHaveLength(HIGHLIGHT_WINDOW);
    expect(highlight!.ranges).toEqual([[40, 44]]);
    expect(highlight!.text.slice(40, 44)).toBe('Acme');
    const atEnd = highlightsOf([{ field: 'body', text: `${'x '.repeat(200)}acme` }], searchTermsOf('acme'))[0]!;
    expect(atEnd.ranges).toEqual([[HIGHLIGHT_WINDOW - 4, HIGHLIGHT_WINDOW]]);
  });
});
