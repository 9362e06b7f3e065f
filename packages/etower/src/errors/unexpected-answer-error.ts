import { EtowerError } from './etower-error';
import { snippetOf } from './malformed-response-error';

/**
 * eTower answered well-formed JSON, success and all, but not in a layout we know how to read (inventory rows
 * under another key than `list`, a page whose `total` promises rows it does not carry). Unlike a malformed
 * answer (a proxy's HTML page, a cut body) this is how this eTower version answers: the same request answers
 * the same way, so it is NOT retried. Retrying would only delay the alarm; reading it as "nothing" would be
 * worse (an empty inventory published). The job fails at once with this message; the decoder needs a change.
 */
export class EtowerUnexpectedAnswerError extends EtowerError {
  /** First 200 characters of the payload. */
  readonly bodySnippet: string;

  constructor(endpoint: string, detail: string, payload: unknown) {
    const snippet = snippetOf(payload);
    super(
      `eTower answered ${endpoint} in a layout the bridge does not understand: ${detail}; payload starts: ${snippet}`,
      {
        endpoint,
        retryable: false,
        kind: 'shape',
      },
    );
    this.bodySnippet = snippet;
  }
}
