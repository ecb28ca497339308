/**
 * The workbook codec: everything that encodes or decodes a workbook's identity — A1 addresses
 * and sheet-qualified references, the grid shape readers produce, the input-cell map and the
 * metadata sheet, the embedded plan and its hash, and the one formula tokenizer.
 */
export * from './address';
export * from './grid';
export * from './meta';
export * from './cellmap';
export * from './embedded';
export * from './hash';
export * from './formula';
export * from './formula-text';
