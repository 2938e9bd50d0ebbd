import { describe, expect, it } from 'vitest';
import { powerShellLiteral } from '../../../agent/inventory/run-powershell.ts';

describe('powerShellLiteral', () => {
  it('single-quotes a path so nothing in it is interpreted', () => {
    expect(powerShellLiteral('C:\\Program Files\\Slack\\slack.exe')).toBe(
      "'C:\\Program Files\\Slack\\slack.exe'",
    );
    expect(powerShellLiteral('C:\\$env:TEMP\\`n\\"x"')).toBe('\'C:\\$env:TEMP\\`n\\"x"\'');
  });

  it('doubles single quotes, including the typographic ones PowerShell also ends a string on', () => {
    expect(powerShellLiteral("C:\\Users\\o'brien\\a.exe")).toBe("'C:\\Users\\o''brien\\a.exe'");
    expect(powerShellLiteral('C:\\Users\\o\u2019brien')).toBe("'C:\\Users\\o\u2019\u2019brien'");
  });
});
