import { SignatureFlavourMemory } from '../src/signature-flavour';

const differs = 'xx+0BkFtBK01W/F5BTgN1AChnc4=';
const same = 'XPRCxUqahkfuC4tE9ueOBLs6gj0=';

describe('SignatureFlavourMemory', () => {
  it('signs in standard Base64 and falls back only for a signature whose flavours differ, while unknown', () => {
    const memory = new SignatureFlavourMemory();
    expect(memory.current()).toBe('standard');
    expect(memory.known()).toBeUndefined();
    expect(memory.shouldFallBack('standard', differs)).toBe(true);
    expect(memory.shouldFallBack('standard', same)).toBe(false);
    expect(memory.shouldFallBack('url-safe', differs)).toBe(false);
  });

  it('learns nothing from a signature that reads the same in both flavours', () => {
    const memory = new SignatureFlavourMemory();
    memory.accepted('url-safe', same);
    expect(memory.known()).toBeUndefined();
  });

  it('remembers the first flavour accepted for a differing signature, and stops falling back', () => {
    const urlSafe = new SignatureFlavourMemory();
    urlSafe.accepted('url-safe', differs);
    urlSafe.accepted('standard', differs);
    expect(urlSafe.known()).toBe('url-safe');
    expect(urlSafe.current()).toBe('url-safe');
    expect(urlSafe.shouldFallBack('standard', differs)).toBe(false);
    const standard = new SignatureFlavourMemory();
    standard.accepted('standard', differs);
    expect(standard.known()).toBe('standard');
    expect(standard.shouldFallBack('standard', differs)).toBe(false);
  });

  it('a pinned flavour is known from the start', () => {
    expect(new SignatureFlavourMemory('url-safe').current()).toBe('url-safe');
    expect(new SignatureFlavourMemory('url-safe').shouldFallBack('standard', differs)).toBe(false);
  });
});
