/**
 * A return whose validation cannot run is never counted as clean: a part the reader left for first
 * use that turns out damaged makes the file unreadable (as a full read says), and any other failure
 * inside validation keeps the numbers but adds a warning that the file went unchecked.
 */
import { readReturn } from '../../../src/core/consolidate';
import type { ReturnSource } from '../../../src/core/consolidate/types';
import type { SheetGrid } from '../../../src/core/workbook/grid';
import { WorkbookReadError } from '../../../src/xlsx/limits';
import * as checks from '../../../src/core/consolidate/checks';
import { county, plans } from './county';

const source = county().sources.find((s) => s.book && readReturn(s, plans).issues.length === 0)!;

/** The source with its first sheet read lazily: the first `times` reads of its cells throw `error`. */
function failingFirstSheet(error: () => Error, times: number): ReturnSource {
  const [first, ...rest] = source.book!.sheets;
  let left = times;
  const read = <T>(get: () => T): T => {
    if (left > 0) {
      left--;
      throw error();
    }
    return get();
  };
  const lazy: SheetGrid = {
    name: first!.name,
    state: first!.state,
    get values() {
      return read(() => first!.values);
    },
    get formulas() {
      return read(() => first!.formulas);
    },
  };
  return { ...source, book: { ...source.book!, sheets: [lazy, ...rest] } };
}

test('the clean source reads with no issue (the baseline of the cases below)', () => {
  const r = readReturn(source, plans);
  expect(r.status).toBe('read');
  expect(r.issues).toEqual([]);
  expect(r.templates[0]!.units.length).toBeGreaterThan(0);
});

test('a sheet found damaged on first use makes the file unreadable, with the reader’s reason', () => {
  const reason = { zh: '文件已损坏：部件 xl/worksheets/sheet1.xml 不完整（元素未结束）', en: 'the file is damaged: part xl/worksheets/sheet1.xml is incomplete' };
  const r = readReturn(failingFirstSheet(() => new WorkbookReadError('corrupt', reason), Infinity), plans);
  expect(r.status).toBe('unreadable');
  expect(r.reason).toEqual(reason);
  expect(r.templates).toEqual([]);
});

test('a check that fails on a damaged cell read is an error on the file, never a clean pass', () => {
  const r = readReturn(failingFirstSheet(() => new TypeError('boom'), 1), plans);
  expect(r.status).toBe('read');
  expect(r.issues).toContainEqual(expect.objectContaining({ severity: 'error' }));
  expect(r.templates[0]!.units.every((u) => u.errors > 0)).toBe(true);
});

test('a failure escaping validation keeps the numbers and says the file went unchecked', () => {
  const clean = readReturn(source, plans);
  const spy = jest.spyOn(checks, 'checkReturn').mockImplementation(() => {
    throw new TypeError('boom');
  });
  try {
    const r = readReturn(source, plans);
    expect(r.status).toBe('read');
    expect(r.templates).toEqual(clean.templates);
    expect(r.issues).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'validation-incomplete', message: { zh: expect.stringContaining('校验未能完成（boom）'), en: expect.stringContaining('validation could not finish (boom)') } }),
    ]);
  } finally {
    spy.mockRestore();
  }
});

test('a damaged part found by validation itself makes the file unreadable too', () => {
  const reason = { zh: '文件已损坏：部件 xl/worksheets/sheet2.xml 的校验码（CRC）不符', en: 'the file is damaged: part xl/worksheets/sheet2.xml fails its checksum (CRC)' };
  const spy = jest.spyOn(checks, 'checkReturn').mockImplementation(() => {
    throw new WorkbookReadError('corrupt', reason);
  });
  try {
    const r = readReturn(source, plans);
    expect(r.status).toBe('unreadable');
    expect(r.reason).toEqual(reason);
  } finally {
    spy.mockRestore();
  }
});
