import { describe, expect, it } from 'vitest';
import {
  boolField,
  intField,
  parsePowerShellJson,
  textField,
} from '../../../../agent/inventory/parsers/parse-powershell-json.ts';
import { fixture } from './fixture.ts';

describe('parsePowerShellJson', () => {
  it("reads an array behind a byte-order mark, with PowerShell 5.1 escapes of & and '", () => {
    const rows = parsePowerShellJson(fixture('win32', 'powershell-processes.json'));
    expect(rows).toHaveLength(14);
    expect(rows[12]?.Name).toBe("o'reilly-chat.exe");
    expect(String(rows[9]?.CommandLine)).toContain('&anon=true');
  });

  it('wraps the single object PowerShell 5.1 prints for a one-item pipeline', () => {
    const rows = parsePowerShellJson(fixture('win32', 'powershell-processes-single.json'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ProcessId).toBe(4242);
  });

  it('reads the indented, double-spaced form printed without -Compress', () => {
    expect(parsePowerShellJson(fixture('win32', 'powershell-appx.json'))).toHaveLength(9);
    expect(parsePowerShellJson(fixture('win32', 'powershell-appx-single.json'))[0]?.Name).toBe('MSTeams');
  });

  it('reads no output (an empty pipeline) and null as no rows, and drops non-objects', () => {
    expect(parsePowerShellJson('')).toEqual([]);
    expect(parsePowerShellJson('\r\n')).toEqual([]);
    expect(parsePowerShellJson('null')).toEqual([]);
    expect(parsePowerShellJson('[1,"a",null,{"A":1},[2]]')).toEqual([{ A: 1 }]);
  });

  it('throws on output that is not JSON (an error, or cut off by a timeout)', () => {
    expect(() => parsePowerShellJson('Get-CimInstance : Access denied\r\n')).toThrow(SyntaxError);
    expect(() => parsePowerShellJson('[{"ProcessId":4,"Na')).toThrow(SyntaxError);
  });
});

describe('field readers', () => {
  const row = { s: '  Slack ', e: '', n: null, i: 42, neg: -1, f: 1.5, b: true, bs: 'true' };

  it('trims strings and treats empty, null and other types as unknown', () => {
    expect(textField(row, 's')).toBe('Slack');
    expect(textField(row, 'e')).toBeUndefined();
    expect(textField(row, 'n')).toBeUndefined();
    expect(textField(row, 'i')).toBeUndefined();
    expect(textField(row, 'missing')).toBeUndefined();
  });

  it('accepts only non-negative integers and real booleans', () => {
    expect(intField(row, 'i')).toBe(42);
    expect(intField(row, 'neg')).toBeUndefined();
    expect(intField(row, 'f')).toBeUndefined();
    expect(intField(row, 's')).toBeUndefined();
    expect(boolField(row, 'b')).toBe(true);
    expect(boolField(row, 'bs')).toBeUndefined();
  });
});
