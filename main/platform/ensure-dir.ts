import fs from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p` that cannot spin. Node's fs.mkdirSync(dir, { recursive: true }) loops forever under
 * pseudo-filesystems such as /proc, where mkdir answers ENOENT although the parent exists (found
 * in review: `keel serve --data-dir /proc/keel` hung at 100% CPU). Here each level is created at
 * most once, so a refusal surfaces as an error naming the folder.
 */
export function ensureDir(dir: string): void {
  const target = path.resolve(dir);
  const missing: string[] = [];
  let probe = target;
  for (;;) {
    try {
      const stat = fs.statSync(probe);
      if (!stat.isDirectory())
        throw Object.assign(new Error(`${probe} is not a folder`), { code: 'ENOTDIR' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const parent = path.dirname(probe);
      if (parent === probe) throw err;
      missing.push(probe);
      probe = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      fs.mkdirSync(folder);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && fs.statSync(folder).isDirectory()) continue;
      if (code === 'ENOENT') {
        // The parent exists, yet mkdir says it does not: a pseudo-filesystem (/proc, /sys).
        throw Object.assign(
          new Error(
            `cannot create ${folder}: its parent does not accept new folders (a system pseudo-filesystem such as /proc or /sys)`,
          ),
          { code: 'EPSEUDOFS' },
        );
      }
      throw err;
    }
  }
}
