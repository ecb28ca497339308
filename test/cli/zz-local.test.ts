jest.mock('../helpers/cli', () => {
  const { spawnSync } = require('child_process');
  return {
    runCli: (args: string[]) => {
      const r = spawnSync(process.execPath, ['/tmp/vt/run.js', ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' }, maxBuffer: 64 * 1024 * 1024 });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
  };
});
require('./validate.test');
