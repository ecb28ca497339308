/** The add-in's version, injected by webpack's DefinePlugin (package.json); "dev" in tests. */
declare const __EDU_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __EDU_VERSION__ === 'undefined' ? 'dev' : __EDU_VERSION__;
