// Builds better-sqlite3 for Electron's ABI into out/native/, beside (not instead of) the Node build
// in node_modules that the `keel` CLI and the tests use. `npm start` calls this before launching
// Electron from a source checkout; packaged apps are rebuilt by electron-builder instead.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Must match electronSqliteFileName() in electron/desktop-app.ts. */
function fileName(electronVersion, platform = process.platform, arch = process.arch) {
  return `better_sqlite3-electron-${electronVersion}-${platform}-${arch}.node`;
}

function target(root, electronVersion) {
  return path.join(root, 'out', 'native', fileName(electronVersion));
}

/**
 * The commands that produce build/Release/better_sqlite3.node for Electron in a copy of the
 * package: a prebuilt binary for Electron's ABI first, else a compile against Electron's headers.
 */
function buildCommands(root, electronVersion, platform = process.platform, arch = process.arch) {
  const moduleBin = (pkg, bin) => path.join(root, 'node_modules', pkg, bin);
  return [
    [
      moduleBin('prebuild-install', 'bin.js'),
      ['--runtime=electron', `--target=${electronVersion}`, `--platform=${platform}`, `--arch=${arch}`],
    ],
    [
      moduleBin('node-gyp', path.join('bin', 'node-gyp.js')),
      [
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${electronVersion}`,
        `--arch=${arch}`,
        '--dist-url=https://electronjs.org/headers',
      ],
    ],
  ];
}

/** Returns the path of the Electron build, making it first if needed; throws with what to do. */
function ensureElectronSqlite(root, electronVersion, log = (line) => process.stderr.write(`${line}\n`)) {
  const out = target(root, electronVersion);
  if (fs.existsSync(out)) return out;
  log(`Keel: building better-sqlite3 for Electron ${electronVersion} (once)…`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-sqlite-electron-'));
  try {
    const source = path.join(root, 'node_modules', 'better-sqlite3');
    fs.cpSync(source, work, {
      recursive: true,
      filter: (p) => path.relative(source, p).split(path.sep)[0] !== 'build',
    });
    // npm exports npm_config_nodedir (e.g. Node's own headers); it would make node-gyp build for Node.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^npm_config_(nodedir|target|runtime|disturl)$/i.test(k)),
    );
    const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
    for (const [script, args] of buildCommands(root, electronVersion)) {
      const r = spawnSync(process.execPath, [script, ...args], {
        cwd: work,
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (r.status === 0 && fs.existsSync(built)) {
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.copyFileSync(built, out);
        return out;
      }
    }
    throw new Error(
      `could not get better-sqlite3 for Electron ${electronVersion}: no prebuilt binary could be downloaded and the ` +
        'compile failed (see above). It needs network access and a C++ toolchain (python3, make, a C++ compiler).',
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

module.exports = { ensureElectronSqlite, buildCommands, target, fileName };
