// Loaded into the hall node by the queue bench only (node --expose-gc --import this file):
// on SIGUSR2, collect garbage and write process.memoryUsage() to $GC_PROBE_FILE, so the bench
// samples memory that is really held, not garbage waiting for the next collection.
import { renameSync, writeFileSync } from 'node:fs';

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
  const file = process.env.GC_PROBE_FILE;
  if (!file) return;
  writeFileSync(`${file}.tmp`, JSON.stringify(process.memoryUsage()));
  renameSync(`${file}.tmp`, file);
});
