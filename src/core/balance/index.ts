export * from './national';
export * from './diffcoef';
export * from './stage';
export * from './school';
