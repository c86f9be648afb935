/** Client-secret queue settings shared by the stack and the local SQS emulator bootstrap. */
export const CLIENT_SECRET_QUEUE_DEFINITION = {
  /** Six times the worker timeout, as AWS recommends for Lambda event sources. */
  visibilityTimeoutSeconds: 180,
  /** A message that fails this many receives goes to the DLQ (and its alarm). */
  maxReceiveCount: 5,
  /** Short: the message holds a live secret, and Amazon's old secret stays valid about 7 days. */
  retentionDays: 4,
  /** Long enough to find and redrive a failed rotation within the old secret's grace period and after. */
  deadLetterRetentionDays: 14,
} as const;
