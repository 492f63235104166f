/**
 * Answers no client should take in whole, for the scripted server: a body of any size streamed
 * as zeros, gzip bombs, a page of a million volumes. Each is generated as it is sent (with
 * backpressure), so the server side costs next to no memory and the numbers measured are the
 * client's. Shared by the client-limit tests and `bench/client-limits.ts`.
 */
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { wireVolume, type Handler } from './scripted-server';

const MiB = 1024 * 1024;

/** Writes the chunks as the client takes them; stops when the client goes away. */
async function pump(res: ServerResponse, chunks: Iterable<Buffer | string>): Promise<void> {
  for (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) {
      await new Promise<void>((resume) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resume();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}

function* repeat<T>(item: T, times: number): Generator<T> {
  for (let i = 0; i < times; i++) yield item;
}

/** `bytes` zero bytes as a JSON-typed body; with `declareLength`, announced by Content-Length. */
export function zeros(bytes: number, options: { declareLength?: boolean } = {}): Handler {
  const chunk = Buffer.alloc(MiB);
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', ...(options.declareLength ? { 'Content-Length': String(bytes) } : {}) });
    void pump(res, repeat(chunk, Math.ceil(bytes / MiB)));
  };
}

/** One gzip member of 16 MiB of zeros (about 16 KB); gzip members concatenate. */
const ZERO_MEMBER = gzipSync(Buffer.alloc(16 * MiB), { level: 9 });

/** A gzip body that expands to `members` × 16 MiB; `Content-Encoding: gzip`. */
export function gzipBomb(members: number): { handler: Handler; compressedBytes: number; expandedBytes: number } {
  const handler: Handler = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
    void pump(res, repeat(ZERO_MEMBER, members));
  };
  return { handler, compressedBytes: members * ZERO_MEMBER.length, expandedBytes: members * 16 * MiB };
}

/**
 * Gzip twice (`Content-Encoding: gzip, gzip`): a few KB that expand to `members` × 16 MiB, for
 * stacks that undo every coding they are told of.
 */
export function doubleGzipBomb(members: number): { handler: Handler; compressedBytes: number; expandedBytes: number } {
  const body = gzipSync(Buffer.concat([...repeat(ZERO_MEMBER, members)]), { level: 9 });
  const handler: Handler = (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip, gzip', 'Content-Length': String(body.length) });
    res.end(body);
  };
  return { handler, compressedBytes: body.length, expandedBytes: members * 16 * MiB };
}

function* pageParts(count: number): Generator<string> {
  yield `{"status":200,"message":"OK","result":{"hasPrevious":false,"hasNext":false,"total":${count},"entites":[`;
  const batch = 1000;
  for (let start = 0; start < count; start += batch) {
    const parts: string[] = [];
    for (let unique = start + 1; unique <= Math.min(count, start + batch); unique++)
      parts.push(JSON.stringify(wireVolume({ unique, name: `vol-${unique}` })));
    yield `${start === 0 ? '' : ','}${parts.join(',')}`;
  }
  yield ']}}';
}

/** A well-formed `list` page of `count` volumes, whatever page size was asked for. */
export function hugePage(count: number): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    void pump(res, pageParts(count));
  };
}

/** How far the process's memory rose above where it was while `work` ran, sampled every few ms. */
export interface MemoryPeak<T> {
  result: T;
  /** The highest RSS seen, absolute. */
  rssPeakMiB: number;
  rssMiB: number;
  heapMiB: number;
}

/** Runs `work` and reports its peak growth of RSS and JS heap (used) over the level before it. */
export async function memoryPeak<T>(work: () => Promise<T>): Promise<MemoryPeak<T>> {
  const before = process.memoryUsage();
  let rss = before.rss;
  let heap = before.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, 2);
  try {
    const result = await work();
    sample();
    return { result, rssPeakMiB: rss / MiB, rssMiB: (rss - before.rss) / MiB, heapMiB: (heap - before.heapUsed) / MiB };
  } finally {
    clearInterval(timer);
  }
}
