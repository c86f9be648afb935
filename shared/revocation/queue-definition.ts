/** Revocation queue settings shared by the stack and the local SQS emulator bootstrap. */
export const REVOCATION_QUEUE_DEFINITION = {
  /** Six times the worker timeout, as AWS recommends for Lambda event sources. */
  visibilityTimeoutSeconds: 180,
  /** A message that fails this many receives goes to the DLQ. */
  maxReceiveCount: 5,
  retentionDays: 14,
  deadLetterRetentionDays: 14,
} as const;
