/** `amazon` = fetched from Amazon for this request; `snapshot` = the stored last summary (DESIGN.md). */
export type SummarySource = 'amazon' | 'snapshot';
