import { describe, expect, it } from 'vitest';
import { type Alert, AlertTransitionError, afterScan, applyAction } from '../../../shared/index.ts';

const open: Alert = { state: 'open', resolution: null, assignee: null, timesOpened: 1 };
const present = (alertable = true) => ({ present: true as const, alertable });
const absent = (absentScans: number) => ({ present: false as const, absentScans });

describe('afterScan', () => {
  it('opens one alert for an unsanctioned client, and only one', () => {
    expect(afterScan(undefined, present())).toEqual({ alert: open, event: 'opened' });
    expect(afterScan(open, present())).toBeUndefined();
    expect(afterScan({ ...open, state: 'acknowledged' }, present())).toBeUndefined();
  });

  it('opens nothing for a sanctioned or excepted client, and resolves an open alert when it becomes so', () => {
    expect(afterScan(undefined, present(false))).toBeUndefined();
    expect(afterScan(open, present(false))).toEqual({
      alert: { ...open, state: 'resolved', resolution: 'sanctioned' },
      event: 'resolved',
    });
  });

  it('resolves as removed after two scans without the client', () => {
    expect(afterScan(open, absent(1))).toBeUndefined();
    expect(afterScan(open, absent(2))).toEqual({
      alert: { ...open, state: 'resolved', resolution: 'removed' },
      event: 'resolved',
    });
  });

  it('reopens when a removed client comes back, but not a false positive', () => {
    const removed: Alert = { ...open, state: 'resolved', resolution: 'removed' };
    expect(afterScan(removed, present())).toEqual({ alert: { ...open, timesOpened: 2 }, event: 'reopened' });
    expect(afterScan({ ...removed, resolution: 'false-positive' }, present())).toBeUndefined();
  });

  it('reopens an excepted client once its exception no longer covers it', () => {
    expect(afterScan({ ...open, state: 'resolved', resolution: 'exception' }, present(true))?.event).toBe(
      'reopened',
    );
  });
});

describe('applyAction', () => {
  it('walks open → acknowledged → resolved, keeping the assignee', () => {
    const acked = applyAction(applyAction(open, { type: 'assign', assignee: 'sam' }), {
      type: 'acknowledge',
    });
    expect(acked).toEqual({ ...open, state: 'acknowledged', assignee: 'sam' });
    expect(applyAction(acked, { type: 'resolve', resolution: 'false-positive' })).toMatchObject({
      state: 'resolved',
      resolution: 'false-positive',
      assignee: 'sam',
    });
  });

  it.each([
    [{ ...open, state: 'acknowledged' as const }, { type: 'acknowledge' as const }],
    [
      { ...open, state: 'resolved' as const, resolution: 'removed' as const },
      { type: 'resolve' as const, resolution: 'removed' as const },
    ],
    [open, { type: 'reopen' as const }],
  ])('refuses an action that does not apply (%#)', (alert, action) => {
    expect(() => applyAction(alert, action)).toThrow(AlertTransitionError);
  });
});
