import { performance } from 'node:perf_hooks';
import type { ReportRequest } from '../../shared/index.ts';
import type {
  DeviceAlertEvent,
  IngestOutcome,
  QueuedReport,
  ReportsRepository,
} from '../repositories/reports-repository.ts';

type Pending = QueuedReport & {
  readonly resolve: (result: { outcome: IngestOutcome; events: DeviceAlertEvent[] }) => void;
  readonly reject: (error: unknown) => void;
};

/**
 * Group commit for reports: requests wait a few milliseconds, then one transaction stores them all
 * and each is answered only after that commit, so an acknowledged report is durable exactly as
 * before while the database sees one commit per batch instead of one per report. One batch is
 * written at a time per collector; a batch that fails is retried report by report, so one bad
 * report cannot sink the others.
 */
export class IngestBatcher {
  readonly #reports: ReportsRepository;
  readonly #maxBatch: number;
  readonly #maxDelayMs: number;
  #queue: Pending[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing = false;

  /** Told after each committed batch: its size, the seconds its transaction took, and its outcomes. */
  onBatch: ((size: number, seconds: number, outcomes: readonly IngestOutcome[]) => void) | undefined;

  constructor(
    reports: ReportsRepository,
    options: { readonly maxBatch?: number; readonly maxDelayMs?: number } = {},
  ) {
    this.#reports = reports;
    this.#maxBatch = options.maxBatch ?? 250;
    this.#maxDelayMs = options.maxDelayMs ?? 3;
  }

  submit(
    deviceId: string,
    report: ReportRequest,
  ): Promise<{ outcome: IngestOutcome; events: DeviceAlertEvent[] }> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ deviceId, report, resolve, reject });
      if (this.#queue.length >= this.#maxBatch) void this.#flush();
      else this.#timer ??= setTimeout(() => void this.#flush(), this.#maxDelayMs);
    });
  }

  /** Writes what is queued; resolves when the queue is empty. */
  async drain(): Promise<void> {
    await this.#flush();
  }

  async #flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        await this.#write(batch);
      }
    } finally {
      this.#flushing = false;
    }
  }

  async #write(batch: Pending[]): Promise<void> {
    try {
      const started = performance.now();
      const { outcomes, events } = await this.#reports.ingestBatch(batch);
      this.onBatch?.(batch.length, (performance.now() - started) / 1000, outcomes);
      batch.forEach((item, i) => {
        item.resolve({
          outcome: outcomes[i] as IngestOutcome,
          events: events.filter((e) => e.deviceId === item.deviceId),
        });
      });
    } catch (error) {
      if (batch.length === 1) {
        (batch[0] as Pending).reject(error);
        return;
      }
      for (const item of batch) await this.#write([item]);
    }
  }
}
