import { EtowerError } from './etower-error';

/**
 * A 2xx whose body is not JSON or not the shape we expect. Usually a proxy's HTML error page or a
 * truncated body, which is transient, so it is retryable. Keeps the start of the body for diagnosis.
 */
export class EtowerMalformedResponseError extends EtowerError {
  /** First 200 characters of the body. */
  readonly bodySnippet: string;

  constructor(endpoint: string, detail: string, body: unknown) {
    const snippet = snippetOf(body);
    super(`eTower sent an unreadable answer on ${endpoint}: ${detail}; body starts: ${snippet}`, {
      endpoint,
      retryable: true,
      kind: 'malformed',
    });
    this.bodySnippet = snippet;
  }
}

export function snippetOf(body: unknown, max = 200): string {
  let text: string;
  if (typeof body === 'string') text = body;
  else {
    try {
      text = JSON.stringify(body) ?? String(body);
    } catch {
      text = String(body);
    }
  }
  return text.length > max ? text.slice(0, max) : text;
}
