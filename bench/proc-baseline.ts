import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The baseline a live scan is compared with: the same facts read straight from /proc with nothing
 * else (stat, cmdline and exe of every process; the four socket tables; socket inode → pid).
 */
export function readProcBaseline(): { processes: number; sockets: number } {
  const pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  let processes = 0;
  const inodes = new Set<string>();
  for (const table of ['tcp', 'tcp6', 'udp', 'udp6']) {
    let text = '';
    try {
      text = readFileSync(`/proc/net/${table}`, 'latin1');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const inode = line.trim().split(/\s+/)[9];
      if (inode && inode !== '0') inodes.add(inode);
    }
  }
  const owner = new Map<string, string>();
  for (const pid of pids) {
    try {
      readFileSync(`/proc/${pid}/stat`, 'latin1');
      readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      processes++;
    } catch {
      continue;
    }
    try {
      readlinkSync(`/proc/${pid}/exe`);
    } catch {}
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {}
    for (const fd of fds) {
      try {
        const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
        if (link.startsWith('socket:[')) {
          const inode = link.slice(8, -1);
          if (inodes.has(inode)) owner.set(inode, pid);
        }
      } catch {}
    }
  }
  return { processes, sockets: owner.size };
}
