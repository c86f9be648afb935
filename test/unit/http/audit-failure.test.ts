import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { reportAuditFailure } from '../../../shared/http/audit-failure';
import { AUDIT_WRITE_FAILED_METRIC } from '../../../shared/observability/metric-names';
import { metrics } from '../../../shared/observability/powertools';
import { captureOutput } from '../../support/captured-output';

// The routes whose change is made before their audit record is written (names, restock settings, members): a
// failed write is logged and counted for AuditWriteFailedAlarm, and the log line never carries the error's text.
describe('reportAuditFailure', () => {
  const captured = captureOutput();

  it('logs which record was lost with the error name only, and counts AuditWriteFailed once', () => {
    const addMetric = jest.spyOn(metrics, 'addMetric');
    const error = Object.assign(new Error('token Atzr|IwEBIA-secret in the message'), {
      name: 'AccessDeniedException',
    });

    reportAuditFailure('member-added')(error);

    expect(addMetric.mock.calls).toEqual([[AUDIT_WRITE_FAILED_METRIC, MetricUnit.Count, 1]]);
    const logs = captured.join('\n');
    expect(logs).toContain('member-added audit record not written');
    expect(logs).toContain('AccessDeniedException');
    expect(logs).not.toContain('Atzr|');
  });
});
