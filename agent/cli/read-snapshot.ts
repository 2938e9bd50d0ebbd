import { readFile } from 'node:fs/promises';
import {
  describeIssue,
  formatIssuePath,
  type InventorySnapshot,
  inventorySnapshotSchema,
} from '../../shared/index.ts';
import { UsageError } from './usage-error.ts';

/** Snapshots larger than this are refused rather than read into memory. */
const maxSnapshotBytes = 64 * 1024 * 1024;

/** Reads and validates an `imscout.inventory/v1` file; every problem is a UsageError naming the field. */
export async function readSnapshot(file: string): Promise<InventorySnapshot> {
  let text: string;
  try {
    const buffer = await readFile(file);
    if (buffer.byteLength > maxSnapshotBytes)
      throw new UsageError(`${file}: larger than ${maxSnapshotBytes} bytes`);
    text = buffer.toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const result = inventorySnapshotSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    throw new UsageError(
      issue ? `${formatIssuePath(issue.path)}: ${describeIssue(issue, json)}${more}` : 'invalid snapshot',
    );
  }
  return result.data;
}
