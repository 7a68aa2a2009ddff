import { once } from 'node:events';
import fs from 'node:fs';
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/**
 * A zip archive written straight to disk: attachment files are streamed through in chunks (stored, not
 * re-compressed: they are mostly images and PDFs already), so an export of a customer with hundreds of files never
 * holds them in memory at once. Waits for the disk when the write buffer is full.
 */
export class ZipFileWriter {
  private readonly out: fs.WriteStream;
  private readonly zip: Zip;
  private readonly finished: Promise<void>;

  constructor(file: string) {
    this.out = fs.createWriteStream(file, { mode: 0o600 });
    this.finished = new Promise((resolve, reject) => {
      this.out.on('finish', resolve);
      this.out.on('error', reject);
    });
    // Observed here so that a disk error before close() is not an unhandled rejection; close() still throws it.
    this.finished.catch(() => undefined);
    this.zip = new Zip((error, chunk, final) => {
      if (error) {
        this.out.destroy(error);
        return;
      }
      this.out.write(chunk);
      if (final) this.out.end();
    });
  }

  /** Adds a text file (UTF-8), compressed. */
  addText(name: string, text: string): void {
    const entry = new ZipDeflate(name, { level: 6 });
    this.zip.add(entry);
    entry.push(strToU8(text), true);
  }

  /** Adds a file from disk under `name`. */
  async addFile(name: string, source: string): Promise<void> {
    const entry = new ZipPassThrough(name);
    this.zip.add(entry);
    for await (const chunk of fs.createReadStream(source)) {
      entry.push(chunk as Buffer);
      if (this.out.writableNeedDrain) await once(this.out, 'drain');
    }
    entry.push(new Uint8Array(0), true);
  }

  /** Writes the central directory and waits until every byte is on disk. */
  async close(): Promise<void> {
    this.zip.end();
    await this.finished;
  }

  /** Gives up on a half-written archive (the caller removes the file). */
  abort(): void {
    this.zip.terminate();
    this.out.destroy();
  }
}
