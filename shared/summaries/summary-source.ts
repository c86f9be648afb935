/** `amazon` = fetched from Amazon for this request; `snapshot` = the stored last summary (docs/contracts.md). */
export type SummarySource = 'amazon' | 'snapshot';
