/** Templates: the specification and its builder (the workbook codec they write is in core/workbook). */
export * from './spec';
export * from './layout';
export * from './options';
export * from './build';
export { TEMPLATE_STYLES, COLORS, type StyleId } from './styles';
export { statusWords } from './common';
