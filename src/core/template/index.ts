/** Templates: the specification, its builder, the cell-map codec and the grid shape readers produce. */
export * from './spec';
export * from './grid';
export * from './address';
export * from './cellmap';
export * from './hash';
export * from './layout';
export * from './options';
export * from './build';
export { TEMPLATE_STYLES, COLORS, type StyleId } from './styles';
export { statusWords } from './common';
