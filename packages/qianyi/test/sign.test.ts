import { createHash } from 'node:crypto';
import { computeSign, quoteFastjson, signBase, verifySign } from '../src/index';

const ACCESS_ID = 'ibxakq31y';
const SECRET = '30534885b3eb4625c8c279822651683a';
const sha1 = (s: string) => createHash('sha1').update(s, 'utf8').digest('hex');

describe('reference vectors (§2.2, §2.3, §2.4)', () => {
  it('signs the doc sample to 7178080b…', () => {
    const content = '{"pageSize":1000,"page":1,"warehouseCode":"WH000005"}';
    expect(signBase(ACCESS_ID, content, 'fastjson')).toBe(
      '{"accessId":"ibxakq31y","content":"{\\"pageSize\\":1000,\\"page\\":1,\\"warehouseCode\\":\\"WH000005\\"}"}',
    );
    expect(computeSign(ACCESS_ID, content, SECRET)).toBe('7178080bc643d56466209962632f35cbaf091661');
    expect(
      verifySign({ accessId: ACCESS_ID, content, sign: '7178080bc643d56466209962632f35cbaf091661', secretKey: SECRET }),
    ).toEqual({ ok: true, candidate: 'fastjson' });
  });

  it('signs absent content without the key (13cf1d82…) and "" with it (52504716…)', () => {
    expect(computeSign(ACCESS_ID, undefined, SECRET)).toBe('13cf1d820a5778937fb213c67b3758597d6ab998');
    expect(computeSign(ACCESS_ID, null, SECRET)).toBe('13cf1d820a5778937fb213c67b3758597d6ab998');
    expect(computeSign(ACCESS_ID, '', SECRET)).toBe('525047161a3aea56142e519d5c4e6261400327e0');
  });

  it.each([
    [undefined, '13cf1d820a5778937fb213c67b3758597d6ab998', 'empty-content'],
    ['', '13cf1d820a5778937fb213c67b3758597d6ab998', 'empty-content'],
    ['', '525047161a3aea56142e519d5c4e6261400327e0', 'empty-content-key'],
    [undefined, '525047161a3aea56142e519d5c4e6261400327e0', 'empty-content-key'],
  ])('verifies empty content %p signed as %s (%s)', (content, sign, candidate) => {
    expect(verifySign({ accessId: ACCESS_ID, content, sign, secretKey: SECRET })).toEqual({ ok: true, candidate });
  });

  const exampleB = '{"warehouseCode":"WH000005","remark":"测试仓/深圳","skuList":[{"sku":"A/B-01","qty":2}]}';
  it.each([
    ['bdda05ab62658f8d6839c4632dec9946c5a0ebab', 'fastjson'],
    ['c5fba65ecce6c3f9c8d0b321cdc4b984941c794a', 'slash-escaped'],
    ['b07aa8664f2e7dc3f132054eee2cdec6e406a3b4', 'unicode-escaped'],
  ])('example B: %s verifies as %s', (sign, candidate) => {
    expect(verifySign({ accessId: ACCESS_ID, content: exampleB, sign, secretKey: SECRET })).toEqual({
      ok: true,
      candidate,
    });
  });

  it('example B signs to bdda05ab… and is 178 UTF-8 bytes before the secret', () => {
    expect(computeSign(ACCESS_ID, exampleB, SECRET)).toBe('bdda05ab62658f8d6839c4632dec9946c5a0ebab');
    expect(Buffer.byteLength(signBase(ACCESS_ID, exampleB, 'fastjson') + SECRET)).toBe(178);
  });

  it('U+2028 and DEL: e34efd64… fastjson-style, d29e3885… JSON.stringify-style', () => {
    const content = '{"remark":"line1\u2028line2\u007f"}';
    expect(computeSign(ACCESS_ID, content, SECRET, 'fastjson')).toBe('e34efd6495709f82108d27a827db8aeb46207dc3');
    expect(computeSign(ACCESS_ID, content, SECRET, 'json-stringify')).toBe('d29e3885256d6d71cb225a94840719535871d40c');
    expect(
      verifySign({ accessId: ACCESS_ID, content, sign: 'e34efd6495709f82108d27a827db8aeb46207dc3', secretKey: SECRET }),
    ).toEqual({ ok: true, candidate: 'fastjson' });
    expect(
      verifySign({ accessId: ACCESS_ID, content, sign: 'd29e3885256d6d71cb225a94840719535871d40c', secretKey: SECRET }),
    ).toEqual({ ok: true, candidate: 'json-stringify' });
  });
});

describe('fastjson quoting', () => {
  it('escapes like fastjson 1.2.x defaults', () => {
    expect(quoteFastjson('a"b\\c/d\b\t\n\f\r')).toBe('"a\\"b\\\\c/d\\b\\t\\n\\f\\r"');
    expect(quoteFastjson('\u0000\u000b\u001f')).toBe('"\\u0000\\u000B\\u001F"');
    expect(quoteFastjson('\u007f\u0085\u009f\u00a0')).toBe('"\\u007F\\u0085\\u009F\u00a0"');
    expect(quoteFastjson('x\u2028y\u2029z')).toBe('"x\\u2028y\\u2029z"');
    expect(quoteFastjson('中文😀')).toBe('"中文😀"');
  });

  it('does not mistake an escaped backslash followed by "u00ab" for an escape', () => {
    expect(quoteFastjson('\\u00ab')).toBe('"\\\\u00ab"');
    expect(quoteFastjson('\\\u000b')).toBe('"\\\\\\u000B"');
  });
});

describe('verifySign', () => {
  const tricky = '{"remark":"He said \\"hi\\" \\\\ C:\\\\path 深圳 😀 \u2028 end","n":1}';

  it('accepts a tricky content whether the sender quoted the wrapper like fastjson or like JSON.stringify/Jackson', () => {
    const fj = sha1(signBase(ACCESS_ID, tricky, 'fastjson') + SECRET);
    const js = sha1(JSON.stringify({ accessId: ACCESS_ID, content: tricky }) + SECRET);
    expect(fj).not.toBe(js);
    expect(verifySign({ accessId: ACCESS_ID, content: tricky, sign: fj, secretKey: SECRET })).toEqual({
      ok: true,
      candidate: 'fastjson',
    });
    expect(verifySign({ accessId: ACCESS_ID, content: tricky, sign: js, secretKey: SECRET })).toEqual({
      ok: true,
      candidate: 'json-stringify',
    });
  });

  it('hashes Java-style content as received (20.0, 1.0E20, \\u000B)', () => {
    const javaContent = '{"freight":20.0,"big":1.0E20,"tiny":1.0E-7,"remark":"a\\u000Bb","id":12345678901234567890}';
    const sign = sha1(`{"accessId":"${ACCESS_ID}","content":${JSON.stringify(javaContent)}}${SECRET}`);
    expect(verifySign({ accessId: ACCESS_ID, content: javaContent, sign, secretKey: SECRET })).toEqual({
      ok: true,
      candidate: 'fastjson',
    });
    const reserialised = JSON.stringify(JSON.parse(javaContent));
    expect(verifySign({ accessId: ACCESS_ID, content: reserialised, sign, secretKey: SECRET })).toEqual({ ok: false });
  });

  it('compares case-insensitively', () => {
    expect(
      verifySign({
        accessId: ACCESS_ID,
        content: '{"a":1}',
        sign: computeSign(ACCESS_ID, '{"a":1}', SECRET).toUpperCase(),
        secretKey: SECRET,
      }).ok,
    ).toBe(true);
  });

  it('refuses a wrong sign, a wrong secret and a sign of another length without throwing', () => {
    const content = '{"a":1}';
    const good = computeSign(ACCESS_ID, content, SECRET);
    const flipped = (good[0] === '0' ? '1' : '0') + good.slice(1);
    expect(verifySign({ accessId: ACCESS_ID, content, sign: flipped, secretKey: SECRET })).toEqual({ ok: false });
    expect(verifySign({ accessId: ACCESS_ID, content, sign: good, secretKey: 'other' })).toEqual({ ok: false });
    expect(verifySign({ accessId: ACCESS_ID, content, sign: good.slice(0, 20), secretKey: SECRET })).toEqual({
      ok: false,
    });
    expect(verifySign({ accessId: ACCESS_ID, content, sign: '', secretKey: SECRET })).toEqual({ ok: false });
    expect(verifySign({ accessId: ACCESS_ID, content, sign: 'ü'.repeat(40), secretKey: SECRET })).toEqual({
      ok: false,
    });
  });

  it('falls back to a content alternate (form `+` kept literal) and names it', () => {
    const literal = '{"label":"ab+cd"}';
    const spaced = '{"label":"ab cd"}';
    const sign = computeSign(ACCESS_ID, literal, SECRET);
    expect(verifySign({ accessId: ACCESS_ID, content: spaced, sign, secretKey: SECRET })).toEqual({ ok: false });
    expect(
      verifySign({ accessId: ACCESS_ID, content: spaced, contentAlternates: [literal], sign, secretKey: SECRET }),
    ).toEqual({ ok: true, candidate: 'alternate-0' });
  });

  it('accepts the gwms form without accessId when accessId is empty', () => {
    const content = '{"a":1}';
    const sign = sha1(`{"content":${JSON.stringify(content)}}${SECRET}`);
    expect(verifySign({ accessId: '', content, sign, secretKey: SECRET })).toEqual({
      ok: true,
      candidate: 'empty-access-id',
    });
  });

  it('signs and verifies a 20 MB content (Base64 label) to completion', () => {
    const label = Buffer.alloc(15 * 1024 * 1024, 7).toString('base64');
    const content = JSON.stringify({ orderNumber: 'O1', labelData: label, remark: '深圳/\u2028' });
    expect(content.length).toBeGreaterThan(20_000_000);
    const sign = computeSign(ACCESS_ID, content, SECRET);
    expect(verifySign({ accessId: ACCESS_ID, content, sign, secretKey: SECRET })).toEqual({
      ok: true,
      candidate: 'fastjson',
    });
    expect(verifySign({ accessId: ACCESS_ID, content, sign: '0'.repeat(40), secretKey: SECRET })).toEqual({
      ok: false,
    });
  });
});
