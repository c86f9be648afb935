/**
 * Finished view answers kept per execution environment, by everything they were made from: the snapshots'
 * contents and read times (the store's versions item), the settings version, the window and the marketplace day.
 * A warm view whose versions name a kept answer costs the access gate, one small read and a string join: no
 * snapshot is read, decoded or summarized again, and the answer is not serialized again (withJsonText).
 *
 * Only `freshness` is made per request (its age moves with the clock); everything else in a kept answer is what
 * the same inputs give at any moment of the same marketplace day. Kept only for answers that are complete and
 * served from stored data: anything that had to ask Amazon is made again.
 */
import type { Freshness } from '../api/data-contract';
import { withJsonText } from '../http/responses';
import { KeptInMemory } from './kept-in-memory';

/** About this many bytes of answers' JSON per execution environment (a large store's inventory is ~600 KB). */
const KEPT_ANSWERS_MAX_BYTES = 16 * 1024 * 1024;

export interface KeptAnswer<T> {
  /** The answer without its freshness. */
  readonly body: T;
  /** `JSON.stringify(body)`. */
  readonly text: string;
  /** The answer is served from storage only until then (e.g. its open orders' read ages out). */
  readonly validUntilMs: number;
}

export class KeptAnswers {
  private readonly kept = new KeptInMemory<KeptAnswer<object>>(KEPT_ANSWERS_MAX_BYTES);

  get<T extends object>(storeId: string, key: string, nowMs: number): KeptAnswer<T> | undefined {
    const answer = this.kept.get(storeId, key) as KeptAnswer<T> | undefined;
    return answer !== undefined && nowMs < answer.validUntilMs ? answer : undefined;
  }

  /** Keeps the answer and hands it back, so the view that made it sends its text too (serialized once). */
  keep<T extends object>(storeId: string, key: string, body: T, validUntilMs: number): KeptAnswer<T> {
    const text = JSON.stringify(body);
    return this.kept.set(storeId, key, { body, text, validUntilMs }, text.length) as KeptAnswer<T>;
  }
}

/**
 * The kept answer with this request's freshness, its JSON text made by splicing: `freshness` is the answer's last
 * key, as the views build it (`{ ...summary, freshness }`), so the text is what JSON.stringify would give.
 */
export function withFreshness<T extends object>(
  answer: KeptAnswer<T>,
  freshness: Freshness,
): T & { freshness: Freshness } {
  const body = { ...answer.body, freshness };
  return withJsonText(body, `${answer.text.slice(0, -1)},"freshness":${JSON.stringify(freshness)}}`) as T & {
    freshness: Freshness;
  };
}

/** Without its freshness, as kept. */
export function withoutFreshness<T extends { freshness: Freshness }>(answer: T): Omit<T, 'freshness'> {
  const { freshness: _freshness, ...body } = answer;
  return body;
}
