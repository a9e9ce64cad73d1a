import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, neutraliseFormula } from './csv';

describe('CSV cells safe for spreadsheets', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+HYPERLINK("http://x")', '\'+HYPERLINK("http://x")'],
    ['-2+3+cmd|x', "'-2+3+cmd|x"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['\tTab', "'\tTab"],
    ['\rCR', "'\rCR"],
  ])('neutralises the text %j', (input, out) => {
    expect(neutraliseFormula(input)).toBe(out);
  });

  it.each(['-56', '-1,5', '+3', '2148,5', '0.25', 'Flensburg', '', 'a=b', "O'Brien"])(
    'leaves %j as it is (numbers stay numbers)',
    (input) => {
      expect(neutraliseFormula(input)).toBe(input);
    },
  );

  it('quotes separators, quotes and line breaks after neutralising', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=1;2')).toBe(`"'=1;2"`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b', ',')).toBe('"a,b"');
  });

  it('a document has a BOM, CRLF line ends and an optional preamble', () => {
    expect(
      csvDocument(
        [
          ['a', 'b'],
          ['=x', '-1,5'],
        ],
        { preamble: ['# Hinweis; mit Semikolon'] },
      ),
    ).toBe('\uFEFF"# Hinweis; mit Semikolon"\r\na;b\r\n\'=x;-1,5\r\n');
    expect(csvDocument([['a']], { bom: false })).toBe('a\r\n');
  });
});
