// A one-line progress display for ingest on a terminal; silent when stderr is not a TTY.
import type { IngestProgress } from '../pipeline/ingestor.ts';

export function progressBar(stream: NodeJS.WriteStream = process.stderr): {
  update(progress: IngestProgress): void;
  done(): void;
} {
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
  let shown = false;
  return {
    update(progress) {
      const fraction =
        progress.bytesTotal > 0 ? Math.min(1, progress.bytesRead / progress.bytesTotal) : 0;
      const width = 24;
      const filled = Math.round(fraction * width);
      const bar =
        progress.bytesTotal > 0
          ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% `
          : '';
      const line = `${bar}${progress.inputsDone}/${progress.inputsTotal} inputs, ${progress.events.toLocaleString('en-US')} events, ${progress.rejected} rejected, ${Math.round(progress.eventsPerSecond).toLocaleString('en-US')} events/s`;
      stream.write(`\r${line.slice(0, (stream.columns || 120) - 1)}\u001b[K`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
