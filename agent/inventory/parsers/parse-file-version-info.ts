import type { ProcessRecord } from '../../../shared/index.ts';
import { type PowerShellRow, textField } from './parse-powershell-json.ts';

/**
 * Rows of the file-info script: per executable `Path`, its version resource (`ProductName`,
 * `CompanyName`, `FileDescription`, `OriginalFilename`), the Authenticode `SignatureStatus` and the
 * `Signer` (SimpleName of the signer certificate, e.g. "Telegram FZ-LLC"). Pure.
 */

export type ExecutableFacts = {
  readonly fileInfo: ProcessRecord['fileInfo'];
  readonly signer: string | undefined;
};

/**
 * Facts by path as passed to the script. A file without any version resource has fileInfo
 * undefined. A signature that does not match the file (HashMismatch) names a signer the file
 * cannot claim, so no signer is reported; untrusted roots (UnknownError) still name one.
 */
export function parseFileVersionInfo(rows: readonly PowerShellRow[]): Map<string, ExecutableFacts> {
  const out = new Map<string, ExecutableFacts>();
  for (const row of rows) {
    const path = textField(row, 'Path');
    if (!path) continue;
    const info = {
      productName: textField(row, 'ProductName'),
      companyName: textField(row, 'CompanyName'),
      fileDescription: textField(row, 'FileDescription'),
      originalFilename: textField(row, 'OriginalFilename'),
    };
    const hasInfo = Object.values(info).some((v) => v !== undefined);
    const status = textField(row, 'SignatureStatus');
    const signer = status === 'HashMismatch' || status === 'NotSigned' ? undefined : textField(row, 'Signer');
    out.set(path, { fileInfo: hasInfo ? info : undefined, signer });
  }
  return out;
}
