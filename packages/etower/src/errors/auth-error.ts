import { EtowerError } from './etower-error';

/**
 * HTTP 401. eTower rejects both a wrong signature and an X-WallTech-Date more than 15 minutes off, and the
 * second heals by itself once NTP catches up, so this is marked retryable: the caller caps the attempts
 * and then fails loudly (wrong token/key never heals).
 */
export class EtowerAuthError extends EtowerError {
  readonly status = 401;
  readonly bodySnippet: string;

  constructor(endpoint: string, bodySnippet: string) {
    super(
      `eTower rejected the request signature on ${endpoint} (HTTP 401): check ETOWER_TOKEN/ETOWER_KEY and ` +
        `that this host's clock is within 15 minutes of eTower's (NTP)${bodySnippet ? `; body: ${bodySnippet}` : ''}`,
      { endpoint, retryable: true, kind: 'auth' },
    );
    this.bodySnippet = bodySnippet;
  }
}
