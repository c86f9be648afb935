/** Revocation queue settings shared by the stack and the local SQS emulator bootstrap. */
export const REVOCATION_QUEUE_DEFINITION = {
  /** Six times the worker timeout, as AWS recommends for Lambda event sources. */
  visibilityTimeoutSeconds: 180,
  /** A message that fails this many receives goes to the DLQ. */
  maxReceiveCount: 5,
  /**
   * A week to ride out a stopped worker. Shorter than the DLQ's: SQS counts a message's age from when it entered
   * the source queue, in the DLQ too, so the DLQ must keep messages longer than the queue does.
   */
  retentionDays: 7,
  /** The SQS maximum: two weeks to look at a message the worker could not process. */
  deadLetterRetentionDays: 14,
} as const;
