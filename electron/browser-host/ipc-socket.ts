/**
 * One page's socket: the core's events go out, requests come in and are answered. A message
 * that is not a request gets an error reply; a protocol error (invalid UTF-8, an unmasked frame,
 * a reserved opcode) or a message over the size limit closes this socket alone (ws sends 1002,
 * 1007 or 1009). Nothing that arrives can throw out of here.
 */
import type { WebSocket } from 'ws';
import type { EventListener } from '../core/app-core';
import { dispatch, type Handlers } from '../core/dispatch';
import type { Logger } from '../core/ports';
import type { InvokeReply } from '../shared/contract';
import { readMessage, type RequestId } from './ipc-message';

export interface IpcSocketOptions {
  handlers: Handlers;
  subscribe: (listener: EventListener) => () => void;
  logger: Logger;
}

function sendText(ws: WebSocket, text: string, logger: Logger): void {
  if (ws.readyState !== ws.OPEN) return;
  ws.send(text, (error) => {
    if (error) logger.debug('browser host: a reply could not be sent', { error: error.message });
  });
}

function replyText(id: RequestId | undefined, reply: InvokeReply<unknown>): string {
  try {
    return JSON.stringify({ ...(id === undefined ? {} : { id }), reply });
  } catch {
    // A result that does not serialise is the core's bug; the page still gets its answer.
    return JSON.stringify({ id, reply: { ok: false, error: { code: 'internal', params: {}, detail: 'The answer could not be sent' } } });
  }
}

export function serveIpcSocket(ws: WebSocket, options: IpcSocketOptions): void {
  const { logger } = options;
  ws.on('error', (error: Error & { code?: string }) => {
    // ws closes the socket itself after a protocol error; this is only told, and logged.
    logger.warn('browser host: a socket was closed for a protocol error', { code: error.code ?? 'unknown', error: error.message });
  });
  const unsubscribe = options.subscribe((event, payload) => {
    try {
      sendText(ws, JSON.stringify({ event, payload }), logger);
    } catch (error) {
      // Never thrown back into the core's event loop.
      logger.error('browser host: an event could not be sent', { event, error: error instanceof Error ? error.message : 'unknown' });
    }
  });
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    const message = readMessage(data, isBinary);
    if (message.kind === 'refused') {
      sendText(ws, replyText(message.id, message.reply), logger);
      return;
    }
    void dispatch(options.handlers, message.channel, message.payload).then((reply) => sendText(ws, replyText(message.id, reply), logger));
  });
}
