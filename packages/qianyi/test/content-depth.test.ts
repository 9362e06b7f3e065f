import { parseContent } from '../src/index';

// Found by the reliability suite's fuzzing: deeply nested content overflowed the stack in the key trimmer, and the
// ingress answered HTTP 500 instead of the contract's 200 with success:false.
describe('deeply nested content', () => {
  test.each([
    ['arrays', `{"orderNumber":${'['.repeat(100000)}1${']'.repeat(100000)}}`],
    ['objects', `{"receiver":${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}}`],
  ])('100,000 nested %s: refused with a message, no exception', (_kind, content) => {
    expect(parseContent('createOrder', content)).toEqual({
      ok: false,
      message: 'content is nested deeper than 32 levels',
    });
  });

  test('real content (four levels) is untouched by the limit', () => {
    const result = parseContent('getAsnList', JSON.stringify({ asnNumbers: ['A1'] }));
    expect(result.ok).toBe(true);
  });
});
