/**
 * Builds the add-in into dist/ (production; development builds, `npm start`, go to dist-dev/):
 *   taskpane.html  the shared-runtime page: task pane UI + custom functions + ribbon commands, one JS runtime
 *   commands.html  the commands page (same runtime bundle, no UI) for hosts that load the FunctionFile alone
 *   preview.html   the task pane on an in-memory workbook, for a plain browser (no Excel needed)
 *   functions.json + functions.zh-cn.json   custom-functions metadata (generated from JSDoc) and its Chinese version
 *   manifest.xml   with every URL pointing at ADDIN_URL (default https://localhost:3000/)
 */
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const { localizeFunctions } = require('./scripts/localize-functions');
const { requireTs } = require('./scripts/load-ts');

const DEV_URL = 'https://localhost:3000/';
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * Every shipped plan, injected into the bundles so the add-in needs no server for its catalog —
 * parsed here by the core's own parser (an invalid seed fails the build), so the bundles carry
 * plans exactly as `parsePlan` returns them and need no schema check at start-up.
 */
function shippedPlans() {
  const { parsePlan } = requireTs('core/plan/parse');
  const dir = path.join(__dirname, 'seeds', 'plans');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      try {
        return parsePlan(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      } catch (e) {
        throw new Error(`seeds/plans/${f} is not a valid plan: ${e.message}`);
      }
    });
}

/** The Chinese metadata table for the custom functions (function id → names and descriptions). */
function zhFunctionTable() {
  const file = path.join(__dirname, 'src', 'functions', 'functions.zh-cn.json');
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Emits functions.zh-cn.json next to functions.json; fails the build when a translation is missing. */
class LocalizeFunctionsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('LocalizeFunctionsPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'LocalizeFunctionsPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        (assets) => {
          const source = assets['functions.json'];
          if (!source) return; // the metadata plugin already reported why
          try {
            const zh = localizeFunctions(JSON.parse(source.source().toString()), zhFunctionTable());
            compilation.emitAsset('functions.zh-cn.json', new webpack.sources.RawSource(JSON.stringify(zh, null, 2)));
          } catch (e) {
            compilation.errors.push(new webpack.WebpackError(`functions.zh-cn.json: ${e.message}`));
          }
        },
      );
    });
  }
}

module.exports = (env, argv) => {
  const production = argv.mode === 'production';
  const baseUrl = (process.env.ADDIN_URL || DEV_URL).replace(/\/?$/, '/');
  // Production builds go to dist/ (what is deployed); development builds (npm start, build:dev) to
  // dist-dev/, so a 20 MB unminified bundle can never end up in a deployed dist/.
  const out = path.resolve(__dirname, production ? 'dist' : 'dist-dev');
  return {
    mode: production ? 'production' : 'development',
    // Source maps of a production build only on request (SOURCE_MAP=1): they double the build time.
    devtool: production ? (process.env.SOURCE_MAP ? 'source-map' : false) : 'eval-cheap-module-source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
      commands: './src/commands/commands.ts',
      preview: './src/taskpane/preview/index.tsx',
      // The 汇总 view's file reader runs in a Web Worker: its own file, its runtime inside (no shared runtime chunk in a worker).
      'consolidate-worker': { import: './src/taskpane/views/consolidate/worker.ts', runtime: false },
      // Templates are built in a Web Worker too (a 1,000-school table is a few hundred ms of work).
      'template-worker': { import: './src/taskpane/host/template-worker.ts', runtime: false },
    },
    output: {
      path: out,
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.json'],
      alias: {
        // Fluent's context selector schedules through `scheduler`; npm gave it a newer copy than
        // react-dom's. One copy: the priorities it sets are the ones React reads, and no duplicate
        // in the first load.
        scheduler$: require.resolve('scheduler', { paths: [path.dirname(require.resolve('react-dom/package.json'))] }),
      },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // ES modules for webpack: CommonJS output (tsconfig's, for Node) would defeat tree shaking
          // and pull all of Fluent UI into the pane.
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, configFile: 'tsconfig.json', compilerOptions: { module: 'es2020', sourceMap: !production || !!process.env.SOURCE_MAP } },
          },
        },
      ],
    },
    performance: { hints: false },
    optimization: {
      // taskpane.html loads three entries (functions, commands, taskpane) into one shared runtime.
      // One webpack runtime makes them one module graph: a single plan registry for the pane, the
      // custom functions and the ribbon (a plan imported in the pane is known to EDU.* at once),
      // and no module instantiated twice. preview.html and commands.html get the runtime too.
      runtimeChunk: 'single',
      splitChunks: {
        cacheGroups: {
          // What both the custom functions and the pane need (the core, zod, the shipped plans):
          // downloaded and parsed once on taskpane.html instead of once per entry.
          shared: {
            name: 'shared',
            chunks: (chunk) => ['functions', 'commands', 'taskpane'].includes(chunk.name),
            minChunks: 2,
            priority: 10,
            enforce: true,
            reuseExistingChunk: true,
          },
        },
      },
    },
    plugins: [
      new webpack.DefinePlugin({
        __EDU_PLANS__: JSON.stringify(shippedPlans()),
        __EDU_VERSION__: JSON.stringify(require('./package.json').version),
      }),
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new LocalizeFunctionsPlugin(),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['functions', 'commands', 'taskpane'],
        chunksSortMode: 'manual',
        templateParameters: { officeJs: OFFICE_JS },
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['functions', 'commands'],
        chunksSortMode: 'manual',
        templateParameters: { officeJs: OFFICE_JS },
      }),
      new HtmlWebpackPlugin({
        filename: 'preview.html',
        template: './src/taskpane/preview/preview.html',
        chunks: ['preview'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*', to: 'assets/[name][ext]' },
          {
            from: 'manifest/manifest.xml',
            to: 'manifest.xml',
            transform: (content) => content.toString().split(DEV_URL).join(baseUrl),
          },
        ],
      }),
    ],
    devServer: {
      static: { directory: out },
      headers: { 'Access-Control-Allow-Origin': '*' },
      port: Number(process.env.PORT || 3000),
      hot: false,
      // dist-dev/manifest.xml must exist on disk: it is what a user uploads to sideload the add-in.
      devMiddleware: { writeToDisk: true },
    },
  };
};
