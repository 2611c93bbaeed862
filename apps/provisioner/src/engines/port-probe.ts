import { connect } from 'node:net';

/**
 * Whether something accepts TCP connections on host:port. Much cheaper than an HTTP request while a runtime boots: a
 * refused connection costs one syscall, where a failed fetch builds (and source-maps) error objects and abort signals.
 */
export function acceptsConnections(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (accepted: boolean) => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
