/**
 * An Express app listening on a free loopback port, for tests that mount routes alone: the
 * server and its base address (`http://127.0.0.1:PORT`).
 */
import type { Server } from 'node:http';
import type { Express } from 'express';

export async function listenLoopback(app: Express): Promise<{ server: Server; base: string }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  return { server, base: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}` };
}
