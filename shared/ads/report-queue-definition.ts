/** The Ads report queue's settings, shared by the stack and the local SQS emulator bootstrap. */
export const ADS_REPORT_QUEUE_DEFINITION = {
  /** The worker's timeout is 60 s; six times that, as AWS recommends for Lambda event sources. */
  workerTimeoutSeconds: 60,
  visibilityTimeoutSeconds: 360,
  /** A message that fails this many receives goes to the DLQ (alarmed). */
  maxReceiveCount: 5,
  retentionDays: 4,
  deadLetterRetentionDays: 14,
} as const;
