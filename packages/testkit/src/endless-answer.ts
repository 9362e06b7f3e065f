import type { ServerResponse } from 'node:http';

/** What an endless answer has written so far, and when its connection closed. */
export interface EndlessAnswer {
  written: number;
  closed: Promise<void>;
}

/**
 * Answers 200 with a chunked body that never ends, written as fast as the client reads, until the client goes away:
 * the misconfigured peer (a wrong base URL, a proxy streaming without end) a reader's size cap has to stop.
 * `written` counts what left this side, so a test can see that the client stopped reading near its cap.
 */
export function answerWithoutEnd(res: ServerResponse, chunkBytes = 64 * 1024): EndlessAnswer {
  const sent: EndlessAnswer = {
    written: 0,
    closed: new Promise<void>((resolve) => res.socket!.once('close', resolve)),
  };
  const chunk = Buffer.alloc(chunkBytes, 0x20);
  res.writeHead(200, { 'content-type': 'application/json' });
  const more = () => {
    while (!res.destroyed) {
      sent.written += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', more);
    }
  };
  more();
  return sent;
}
