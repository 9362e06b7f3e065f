import { IncomingMessage, type ServerOptions, ServerResponse } from 'node:http';
import type { Express } from 'express';

/**
 * Node server options under which every request and response is born with the app's own prototypes
 * (`app.request`, `app.response`), so the `Object.setPrototypeOf` Express's `app.handle` runs on each of them
 * changes nothing.
 *
 * Why: the swap is not free. Each swapped object gets a fresh hidden class, and every property the router then
 * adds (`next`, `baseUrl`, `params`, `locals`, ...) makes another one; those maps and their descriptor arrays
 * outlive the request in the old generation until a full GC. Measured at 2,000 calls/s (bench/RESULTS.md, third
 * round of 2026-12-03): an Express route promoted ~118 MB in 8 s this way, 2 MB with requests born right, and
 * the ingress's paced p99 (case 1) followed. Node documents both options; Express is not patched.
 */
export function bornWithExpressPrototypes(app: Express): Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'> {
  function ExpressRequest(this: IncomingMessage, ...args: ConstructorParameters<typeof IncomingMessage>) {
    IncomingMessage.apply(this, args);
  }
  ExpressRequest.prototype = app.request;
  function ExpressResponse(this: ServerResponse, ...args: ConstructorParameters<typeof ServerResponse>) {
    ServerResponse.apply(this, args);
  }
  ExpressResponse.prototype = app.response;
  return {
    IncomingMessage: ExpressRequest as unknown as typeof IncomingMessage,
    ServerResponse: ExpressResponse as unknown as typeof ServerResponse,
  };
}
