import { flavourMatters, signEtowerRequest, verifyEtowerAuthorization } from '../src/signing';

// Reference §1.4: computed locally from made-up credentials; these pin the recipe, not eTower's server.
const token = 'demoToken0000000000000A';
const key = 'demoSecretKey000000000B';
const now = new Date('Tue, 02 Aug 2022 06:43:37 GMT');
const qa = 'https://cfs-qa.etowertech.com/api/supplier-service';

describe('signEtowerRequest (reference §1.4 vectors)', () => {
  it.each([
    ['POST', `${qa}/v1/openApi/packetOrder/b2c/createOrders`, 'XPRCxUqahkfuC4tE9ueOBLs6gj0='],
    ['POST', '/api/supplier-service/v1/openApi/packetOrder/b2c/createOrders', '2bI9DNRfBX4wUL0WlElOBEfLs7s='],
    ['GET', `${qa}/v1/b2c/warehouseServiceList?serviceType=5`, 'xx+0BkFtBK01W/F5BTgN1AChnc4='],
    ['GET', `${qa}/v1/b2c/warehouseServiceList`, 'ceI0IlkAcZQLCHhiT9GS8RNLNGU='],
  ])('%s %s', (method, url, signature) => {
    const signed = signEtowerRequest({ method, url, token, key, now });
    expect(signed.date).toBe('Tue, 02 Aug 2022 06:43:37 GMT');
    expect(signed.authorization).toBe(`WallTech ${token}:${signature}`);
  });

  it('signs in URL-safe Base64 on request (reference §1.4 #3: `-` and `_` for `+` and `/`, padding kept)', () => {
    const url = `${qa}/v1/b2c/warehouseServiceList?serviceType=5`;
    const signed = signEtowerRequest({ method: 'GET', url, token, key, now, flavour: 'url-safe' });
    expect(signed.authorization).toBe(`WallTech ${token}:xx-0BkFtBK01W_F5BTgN1AChnc4=`);
    expect(signed.standardSignature).toBe('xx+0BkFtBK01W/F5BTgN1AChnc4=');
    expect(flavourMatters(signed.standardSignature)).toBe(true);
    expect(flavourMatters('XPRCxUqahkfuC4tE9ueOBLs6gj0=')).toBe(false);
  });

  it('upper-cases the method', () => {
    const url = `${qa}/v1/openApi/packetOrder/b2c/createOrders`;
    expect(signEtowerRequest({ method: 'post', url, token, key, now }).authorization).toBe(
      `WallTech ${token}:XPRCxUqahkfuC4tE9ueOBLs6gj0=`,
    );
  });
});

describe('verifyEtowerAuthorization', () => {
  const url = `${qa}/v1/b2c/warehouseServiceList?serviceType=5`;
  const signed = signEtowerRequest({ method: 'GET', url, token, key, now });
  const base = { method: 'GET', url, token, key, now, dateHeader: signed.date, authorization: signed.authorization };

  it('accepts a correct signature', () => {
    expect(verifyEtowerAuthorization(base)).toEqual({ ok: true });
  });

  it('accepts only the flavours it is told to (standard by default)', () => {
    const urlSafe = signEtowerRequest({ method: 'GET', url, token, key, now, flavour: 'url-safe' });
    const asUrlSafe = { ...base, authorization: urlSafe.authorization };
    expect(verifyEtowerAuthorization(asUrlSafe)).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(verifyEtowerAuthorization({ ...asUrlSafe, flavours: ['url-safe'] })).toEqual({ ok: true });
    expect(verifyEtowerAuthorization({ ...base, flavours: ['url-safe'] })).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
    expect(verifyEtowerAuthorization({ ...base, flavours: ['url-safe', 'standard'] })).toEqual({ ok: true });
  });

  it('accepts 14 minutes of skew and refuses 16', () => {
    expect(verifyEtowerAuthorization({ ...base, now: new Date(now.getTime() + 14 * 60_000) }).ok).toBe(true);
    const late = verifyEtowerAuthorization({ ...base, now: new Date(now.getTime() + 16 * 60_000) });
    expect(late).toEqual({ ok: false, reason: expect.stringMatching(/clock skew/) });
  });

  it.each([
    ['wrong key', { key: 'other' }, /signature mismatch/],
    ['wrong token', { token: 'other' }, /unknown token/],
    ['other url', { url: `${qa}/v1/b2c/warehouseServiceList` }, /signature mismatch/],
    ['other method', { method: 'POST' }, /signature mismatch/],
    ['no date', { dateHeader: undefined }, /missing X-WallTech-Date/],
    ['no authorization', { authorization: undefined }, /missing Authorization/],
    ['bad date', { dateHeader: 'yesterday' }, /not an HTTP date/],
    ['bad scheme', { authorization: `Bearer ${token}` }, /WallTech/],
  ])('refuses %s', (_name, change, reason) => {
    const result = verifyEtowerAuthorization({ ...base, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
