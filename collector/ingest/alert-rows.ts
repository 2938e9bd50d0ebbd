import type { Alert, AlertState, Resolution, Transition } from '../../shared/index.ts';
import type { AlertTable } from '../db/database-schema.ts';

/** A stored alert of one device (the table row without its device id). */
export type AlertRow = Omit<AlertTable, 'device_id'>;

/** The state machine's view of a stored alert. */
export function toAlert(row: AlertRow): Alert {
  return {
    state: row.state as AlertState,
    resolution: row.resolution as Resolution | null,
    assignee: row.assignee,
    timesOpened: row.times_opened,
  };
}

/**
 * The row to store after a transition: a new id for a first alert, `opened_at` moved when the alert
 * (re)opens, `resolved_at` set only while resolved. The one place that maps transitions to rows.
 */
export function alertRowAfter(options: {
  readonly row: AlertRow | undefined;
  readonly client: string;
  readonly next: NonNullable<Transition>;
  readonly at: string;
  readonly newId: () => string;
}): AlertRow {
  const { row, next, at } = options;
  return {
    id: row?.id ?? options.newId(),
    client: options.client,
    state: next.alert.state,
    resolution: next.alert.resolution,
    assignee: next.alert.assignee,
    times_opened: next.alert.timesOpened,
    opened_at: next.event === 'resolved' ? (row?.opened_at ?? at) : at,
    updated_at: at,
    resolved_at: next.alert.state === 'resolved' ? at : null,
  };
}
