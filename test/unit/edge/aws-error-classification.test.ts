import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { classifyAwsError } from '../../../shared/adapters/aws-error-classification';
import { ServiceUnavailable } from '../../../shared/errors';
import { toErrorResponse } from '../../../shared/http/responses';

const sdkError = (
  name: string,
  status: number,
  fault: 'client' | 'server' = status >= 500 ? 'server' : 'client',
) =>
  Object.assign(new Error(`${name} happened`), {
    name,
    $fault: fault,
    $metadata: { httpStatusCode: status },
  });

describe('AWS error classification', () => {
  it.each([
    ['KMS internal error', sdkError('KMSInternalException', 500)],
    ['DynamoDB throttling', sdkError('ProvisionedThroughputExceededException', 400)],
    ['SQS 503', sdkError('ServiceUnavailable', 503)],
    [
      'connection refused',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    ],
    [
      'an SDK-wrapped socket error',
      new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:9'),
    ],
    ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
  ])('%s is an outage: 503 ServiceUnavailable with Retry-After', (_label, error) => {
    const classified = classifyAwsError('kms', error);
    expect(classified).toBeInstanceOf(ServiceUnavailable);
    expect(classified?.fault).toBe('outage');
    const response = toErrorResponse(classified);
    expect(response.statusCode).toBe(503);
    expect(Number(response.headers?.['retry-after'])).toBeGreaterThan(0);
    expect(String(response.body)).not.toMatch(/happened|ECONNREFUSED/);
  });

  it.each([
    ['AccessDenied from KMS', sdkError('AccessDeniedException', 400)],
    ['a missing table', sdkError('ResourceNotFoundException', 400)],
    ['a disabled key', sdkError('DisabledException', 400)],
    ['a missing queue', sdkError('AWS.SimpleQueueService.NonExistentQueue', 400)],
  ])('%s is a configuration fault: still a 503, marked for the operators', (_label, error) => {
    expect(classifyAwsError('dynamodb', error)).toMatchObject({
      code: 'ServiceUnavailable',
      fault: 'configuration',
    });
  });

  it('leaves errors the adapters interpret (conditional checks, validation) alone', () => {
    const conditional = new ConditionalCheckFailedException({ message: 'no', $metadata: {} });
    expect(classifyAwsError('dynamodb', conditional)).toBeUndefined();
    expect(classifyAwsError('dynamodb', sdkError('ValidationException', 400))).toBeUndefined();
    expect(classifyAwsError('dynamodb', 'a string')).toBeUndefined();
  });
});
