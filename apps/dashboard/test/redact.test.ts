import { REDACTED, maskEmail, maskPhone, redactValue } from '../src/redact';

describe('job data redaction', () => {
  it('masks phones and e-mails, keeping enough to tell records apart', () => {
    expect(maskPhone('13812345188')).toBe('138****5188');
    expect(maskPhone('+1 555 0100')).toBe('+1 ****0100');
    expect(maskPhone('1234')).toBe('**34');
    expect(maskEmail('kate@example.com')).toBe('k***@example.com');
    expect(maskEmail('not-an-address')).toBe(REDACTED);
  });

  it('replaces labels, signs, secrets, keys and tokens at any depth, and leaves other fields alone', () => {
    const data = {
      tenant: 'acc-1',
      sign: 'ABCDEF',
      order: {
        orderNumber: 'SO-1',
        labelData: 'JVBERi0xLjQK',
        label: { attachData: 'xyz' },
        receiver: { name: 'Kate', phone: '13812345188', email: 'kate@example.com', mobile: 13912345678 },
        skuList: [{ sku: 'A', quantity: 2, extra: { apiKey: 'k', accessToken: 't' } }],
      },
      etower: { token: 'tok', key: 'k', secretKey: 'sk' },
      accessId: 'acc-1',
    };
    expect(redactValue(data)).toEqual({
      tenant: 'acc-1',
      sign: REDACTED,
      order: {
        orderNumber: 'SO-1',
        labelData: REDACTED,
        label: REDACTED,
        receiver: { name: 'Kate', phone: '138****5188', email: 'k***@example.com', mobile: '139****5678' },
        skuList: [{ sku: 'A', quantity: 2, extra: { apiKey: REDACTED, accessToken: REDACTED } }],
      },
      etower: { token: REDACTED, key: REDACTED, secretKey: REDACTED },
      accessId: 'acc-1',
    });
  });

  it('does not touch the object it was given', () => {
    const data = { order: { labelData: 'PDF', receiver: { phone: '13812345188' } } };
    const copy = structuredClone(data);
    redactValue(data);
    expect(data).toEqual(copy);
  });

  it('passes through scalars, nulls and empty values', () => {
    expect(redactValue(null)).toBeNull();
    expect(redactValue('text')).toBe('text');
    expect(redactValue({ phone: '', email: null })).toEqual({ phone: '', email: null });
  });
});
