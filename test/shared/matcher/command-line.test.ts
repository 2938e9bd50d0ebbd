import { describe, expect, it } from 'vitest';
import { interpretedProgram, isInterpreterName } from '../../../shared/matcher/command-line.ts';

describe('interpretedProgram', () => {
  it.each([
    ['python3 /usr/bin/gajim', '/usr/bin/gajim'],
    ['/usr/bin/python3.11 -u -X dev /usr/bin/gajim --profile x', '/usr/bin/gajim'],
    ['python3 -m tox -e py311', 'tox'],
    [
      'java -Xmx512m -Dappdir=/usr/share/spark/ -cp "/usr/share/spark/lib/*" org.jivesoftware.launcher.Startup',
      'org.jivesoftware.launcher.Startup',
    ],
    ['java -jar /opt/briar/briar-desktop.jar', '/opt/briar/briar-desktop.jar'],
    ['"C:\\Program Files\\Python311\\pythonw.exe" "C:\\Users\\a b\\chat.py"', 'C:\\Users\\a b\\chat.py'],
    ['gjs /usr/bin/polari', '/usr/bin/polari'],
  ])('%s → %s', (cmd, program) => {
    expect(interpretedProgram(cmd)).toBe(program);
  });

  it.each([['vim /usr/bin/gajim'], ['python3 -c "import gajim"'], ['bash'], ['java -version'], ['']])(
    'finds no program in %j',
    (cmd) => {
      expect(interpretedProgram(cmd)).toBeUndefined();
    },
  );

  it('stays bounded on hostile input', () => {
    expect(interpretedProgram(`python3 ${'-v '.repeat(100_000)}/x`)).toBeUndefined();
  });
});

describe('isInterpreterName', () => {
  it('knows interpreters by exact name, not by prefix', () => {
    for (const name of [
      'python3',
      'python3.11',
      'pythonw.exe',
      'java',
      'javaw.exe',
      'gjs',
      'perl5.36',
      'bash',
    ]) {
      expect(isInterpreterName(name), name).toBe(true);
    }
    for (const name of ['pythonista', 'javascript-app', 'bashful', 'gajim', 'Telegram.exe']) {
      expect(isInterpreterName(name), name).toBe(false);
    }
  });
});
