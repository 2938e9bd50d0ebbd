/**
 * The alert state machine: one alert per (device, client), driven by scans and by people.
 * Pure: the caller loads the alert, applies the transition, and stores the result.
 */
export const alertStates = ['open', 'acknowledged', 'resolved'] as const;
export type AlertState = (typeof alertStates)[number];
export const resolutions = ['removed', 'exception', 'false-positive', 'sanctioned'] as const;
export type Resolution = (typeof resolutions)[number];

export type Alert = {
  readonly state: AlertState;
  readonly resolution: Resolution | null;
  readonly assignee: string | null;
  readonly timesOpened: number;
};

/** Scans without the client before its alert resolves itself as removed. */
export const absentScansToResolve = 2;

/** What one scan says about one client on the device. */
export type ScanFact =
  | { readonly present: true; readonly alertable: true }
  /** Present but allowed: sanctioned by policy, or covered by an exception. */
  | { readonly present: true; readonly alertable: false; readonly cover?: 'sanctioned' | 'exception' }
  | { readonly present: false; readonly absentScans: number };

export type Transition =
  | { readonly alert: Alert; readonly event: 'opened' | 'reopened' | 'resolved' }
  | undefined;

/**
 * The alert after a scan, or undefined when nothing changes. `alertable`: the client is
 * unsanctioned here and no exception covers it. A client decided a false positive stays resolved
 * while present; one that was removed, sanctioned or excepted reopens if it is alertable again.
 */
export function afterScan(alert: Alert | undefined, fact: ScanFact): Transition {
  if (fact.present) {
    if (!fact.alertable) {
      if (alert && alert.state !== 'resolved') return resolve(alert, fact.cover ?? 'sanctioned');
      return undefined;
    }
    if (!alert)
      return { alert: { state: 'open', resolution: null, assignee: null, timesOpened: 1 }, event: 'opened' };
    if (alert.state === 'resolved' && alert.resolution !== 'false-positive') {
      return {
        alert: { ...alert, state: 'open', resolution: null, timesOpened: alert.timesOpened + 1 },
        event: 'reopened',
      };
    }
    return undefined;
  }
  if (alert && alert.state !== 'resolved' && fact.absentScans >= absentScansToResolve)
    return resolve(alert, 'removed');
  return undefined;
}

function resolve(alert: Alert, resolution: Resolution): Transition {
  return { alert: { ...alert, state: 'resolved', resolution }, event: 'resolved' };
}

export type AlertAction =
  | { readonly type: 'acknowledge' }
  | { readonly type: 'assign'; readonly assignee: string | null }
  | { readonly type: 'resolve'; readonly resolution: 'exception' | 'false-positive' | 'removed' }
  | { readonly type: 'reopen' };

export class AlertTransitionError extends Error {
  readonly code = 'E_ALERT_TRANSITION';
}

/** A person's action on an alert; throws AlertTransitionError when it does not apply in this state. */
export function applyAction(alert: Alert, action: AlertAction): Alert {
  switch (action.type) {
    case 'acknowledge':
      if (alert.state !== 'open')
        throw new AlertTransitionError(`cannot acknowledge an alert that is ${alert.state}`);
      return { ...alert, state: 'acknowledged' };
    case 'assign':
      if (alert.state === 'resolved') throw new AlertTransitionError('cannot assign a resolved alert');
      return { ...alert, assignee: action.assignee };
    case 'resolve':
      if (alert.state === 'resolved') throw new AlertTransitionError('the alert is already resolved');
      return { ...alert, state: 'resolved', resolution: action.resolution };
    case 'reopen':
      if (alert.state !== 'resolved') throw new AlertTransitionError('only a resolved alert can be reopened');
      return { ...alert, state: 'open', resolution: null, timesOpened: alert.timesOpened + 1 };
  }
}
