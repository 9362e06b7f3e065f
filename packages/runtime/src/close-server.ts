import type { Server } from 'node:http';

/**
 * Stops an HTTP server gracefully: no new connections, requests in flight finish, and each keep-alive connection
 * is closed as soon as it falls idle (`server.close` alone waits for clients to hang up, which they may never do).
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
