/** Bad usage or invalid input: exit code 2 and a one-line message (contracts.md §2). */
export class UsageError extends Error {
  readonly code = 'E_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
