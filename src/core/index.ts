export * from './i18n/text';
export * from './plan/schema';
export * from './plan/parse';
export * from './plan/registry';
export * from './coerce';
export * from './evaluate';
export * from './balance';
