/**
 * A level (学段) in the pane's language: the same words the templates print, so the pane and the
 * sheets it inserts never name a level differently (one table, in core/i18n/units.ts).
 */
export { levelText as levelLabel } from '../../core/i18n/units';
