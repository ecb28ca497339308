/** Filling a template from data: the long CSV (`unit,input,value`) and the plan of what goes in which input cell. */
export * from './csv';
export * from './plan';
