/**
 * LibreOffice as the test spreadsheet engine: opens workbooks headless, recalculates every
 * formula (ExcelJS writes no cached results) and saves them as .xlsx again, so tests can read
 * the values a real spreadsheet computed.
 *
 * LibreOffice is REQUIRED: the real-spreadsheet tests never skip. On a machine without it they
 * fail with how to install it (`bash .ci/run` does: libreoffice-calc-nogui).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

function findSoffice(): string | undefined {
  const candidates = [process.env.SOFFICE, '/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'];
  for (const c of candidates) if (c && fs.existsSync(c)) return c;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'soffice');
    if (dir && fs.existsSync(p)) return p;
  }
  return undefined;
}

export const SOFFICE = findSoffice();

/**
 * `describe` for suites that recalculate in LibreOffice. It never skips: without soffice,
 * `recalculate` throws how to install it and the suite fails.
 */
export const describeWithSoffice: jest.Describe = describe;

let profileCounter = 0;

export interface RecalcInput {
  /** File name (unique within one call), ending in .xlsx. */
  name: string;
  bytes: Uint8Array;
}

/**
 * Recalculates several workbooks in ONE soffice run (it accepts many files; starting it is the
 * slow part) and returns the recalculated bytes by name. Each run has its own user profile so
 * parallel jest workers do not collide.
 */
export async function recalculate(inputs: RecalcInput[], timeoutMs = 180_000): Promise<Map<string, Buffer>> {
  if (!SOFFICE) throw new Error('LibreOffice (soffice) is required by the real-spreadsheet tests and is not installed: apt-get install libreoffice-calc-nogui (bash .ci/run installs it)');
  const names = new Set(inputs.map((i) => i.name));
  if (names.size !== inputs.length) throw new Error('recalculate: file names must be unique');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-lo-'));
  const inDir = path.join(work, 'in');
  const outDir = path.join(work, 'out');
  fs.mkdirSync(inDir);
  fs.mkdirSync(outDir);
  const profile = path.join(os.tmpdir(), `lo-profile-${process.pid}-${Date.now()}-${++profileCounter}`);
  try {
    const files = inputs.map((i) => {
      const p = path.join(inDir, i.name);
      fs.writeFileSync(p, i.bytes);
      return p;
    });
    await new Promise<void>((resolve, reject) => {
      execFile(
        SOFFICE,
        [
          '--headless',
          '--norestore',
          '--nologo',
          '--nolockcheck',
          `-env:UserInstallation=file://${profile}`,
          '--convert-to',
          'xlsx:Calc MS Excel 2007 XML',
          '--outdir',
          outDir,
          ...files,
        ],
        { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
        (error, _stdout, stderr) => (error ? reject(new Error(`soffice failed: ${error.message}\n${stderr}`)) : resolve()),
      );
    });
    const out = new Map<string, Buffer>();
    for (const i of inputs) {
      const p = path.join(outDir, i.name);
      if (!fs.existsSync(p)) throw new Error(`soffice produced no output for ${i.name}`);
      out.set(i.name, fs.readFileSync(p));
    }
    return out;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
