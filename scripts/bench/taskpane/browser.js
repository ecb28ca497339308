/**
 * What the browser tests (test/e2e) and the task-pane benchmark (scripts/bench/taskpane.js) share:
 * a tiny static server for dist/ on a random loopback port, and Debian's Chromium launched headless
 * with a fresh profile. Never downloads a browser: without /usr/bin/chromium there is none.
 */
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `root` (default dist/) on 127.0.0.1 at a free port. */
function serveDir(root = DIST) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url || '/', 'http://127.0.0.1').pathname);
    if (pathname === '/favicon.ico') return res.writeHead(204).end();
    const file = path.resolve(base, `.${pathname}`);
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

function hasChromium() {
  return fs.existsSync(CHROMIUM);
}

/** Chromium with a fresh user-data dir (removed on close). Resolves to { context, close }. */
async function launchChromium(options = {}) {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'edu-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: options.viewport || { width: 1280, height: 800 },
    locale: options.locale || 'zh-CN',
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Builds dist/ when it is missing or older than the sources (a lone test or bench run after an
 * edit); `npm test` builds first. Test files run in parallel workers: one builds (a lock folder),
 * the others wait for it and find dist/ fresh.
 */
function ensureBuilt() {
  const { isStale } = require('../support/fresh');
  const inputs = ['src', 'assets', 'manifest', 'webpack.config.js', 'package.json'].map((p) => path.join(ROOT, p));
  const stamp = path.join(ROOT, '.dist-built');
  const fresh = () => fs.existsSync(path.join(DIST, 'preview.html')) && !isStale([DIST, stamp], inputs);
  if (fresh()) return;
  const lock = path.join(ROOT, '.dist-build.lock');
  const nap = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run (older than 10 minutes) is taken over.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 600_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      Atomics.wait(nap, 0, 0, 1000);
    }
  }
  try {
    if (fresh()) return;
    const { execFileSync } = require('child_process');
    // Build output to stderr: `npm run bench -- --json` keeps stdout for its JSON.
    execFileSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, stdio: ['ignore', 2, 'inherit'] });
    fs.writeFileSync(stamp, `${new Date().toISOString()}\n`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

module.exports = { ROOT, DIST, CHROMIUM, CHROMIUM_ARGS, serveDir, hasChromium, launchChromium, ensureBuilt };
