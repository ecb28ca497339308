/**
 * `npm start`: builds the add-in and serves it (from dist-dev/) over HTTPS on https://localhost:3000 with a
 * development certificate, rebuilding on change.
 *
 * - Windows / macOS: the certificate is generated and trusted by office-addin-dev-certs, then the
 *   add-in is sideloaded into desktop Excel with office-addin-debugging (fetched by npx on first use,
 *   so CI and Linux machines never need its native keychain module).
 * - Elsewhere (Linux, CI, a machine without Excel): nothing to sideload into; it prints how to
 *   sideload into Excel on the web and the URL of the preview host (the real task pane on an
 *   in-memory workbook), and keeps serving.
 *
 * The development build goes to its own folder, dist-dev/ (unminified, with source maps), never
 * into dist/: dist/ holds only production builds (`npm run build`), so deploying dist/ can never
 * ship a development bundle. dist-dev/ is written to disk because its manifest.xml is what a user
 * uploads to sideload.
 *
 * Options: PORT (default 3000), NO_SIDELOAD=1 to skip sideloading, START_ONCE=1 to build, print the
 * URLs and exit (used by the tests).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const webpack = require('webpack');
const WebpackDevServer = require('webpack-dev-server');
const devCerts = require('office-addin-dev-certs');

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'dist-dev');
const PORT = Number(process.env.PORT || 3000);
const desktop = process.platform === 'win32' || process.platform === 'darwin';

function log(zh, en) {
  console.log(`${zh}\n  ${en}`);
}

/** HTTPS options: trusted CA-signed certificate on desktop systems, a generated one elsewhere. */
async function httpsOptions() {
  if (desktop) return devCerts.getHttpsServerOptions();
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const ca = path.join(dir, 'ca.crt');
  const cert = path.join(dir, 'localhost.crt');
  const key = path.join(dir, 'localhost.key');
  if (!fs.existsSync(cert) || !fs.existsSync(key)) {
    fs.mkdirSync(dir, { recursive: true });
    await devCerts.generateCertificates(ca, cert, key, 30);
    log(
      `已生成开发证书：${dir}（浏览器需信任 ca.crt 才能加载：sudo cp ${ca} /usr/local/share/ca-certificates/ && sudo update-ca-certificates）`,
      `generated a development certificate in ${dir} (trust ca.crt in your browser or system store to load the add-in)`,
    );
  }
  return { ca: fs.readFileSync(ca), cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
}

function printHowToSideload() {
  const base = `https://localhost:${PORT}`;
  log('\n加载项已在本机提供服务：', '\nThe add-in is being served:');
  console.log(`  清单 / manifest:   ${path.join(OUT, 'manifest.xml')}`);
  console.log(`  任务窗格 / pane:   ${base}/taskpane.html`);
  console.log(`  预览（无需 Excel） / preview (no Excel needed): ${base}/preview.html`);
  log(
    '\n本机没有桌面版 Excel。在 Excel 网页版中旁加载：打开工作簿 → 开始 → 加载项 → 更多加载项 → 我的加载项 → 上传我的加载项 → 选择上面的 manifest.xml。',
    'No desktop Excel here. To sideload into Excel on the web: open a workbook → Home → Add-ins → More add-ins → My add-ins → Upload My Add-in → choose the manifest.xml above.',
  );
}

function sideload() {
  if (!desktop || process.env.NO_SIDELOAD) return;
  const manifest = path.join(OUT, 'manifest.xml');
  const child = spawn('npx', ['--yes', 'office-addin-debugging@7', 'start', manifest, 'desktop', '--no-debug', '--dev-server-port', String(PORT)], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  child.on('exit', (code) => {
    if (code !== 0) {
      log('旁加载到 Excel 失败；可按下面的说明手动加载。', 'Sideloading into Excel failed; sideload by hand as described below.');
      printHowToSideload();
    }
  });
}

async function main() {
  // A development build: webpack.config.js writes it to dist-dev/.
  const config = require(path.join(ROOT, 'webpack.config.js'))({}, { mode: 'development' });
  if (process.env.START_ONCE) {
    await new Promise((resolve, reject) =>
      webpack(config).run((err, stats) => (err || stats.hasErrors() ? reject(err || new Error(stats.toString('errors-only'))) : resolve())),
    );
    printHowToSideload();
    return;
  }
  const server = new WebpackDevServer(
    { ...config.devServer, port: PORT, server: { type: 'https', options: await httpsOptions() }, open: false },
    webpack(config),
  );
  await server.start();
  printHowToSideload();
  sideload();
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
