import type { Store } from '../api/types';
import { useI18n } from '../app-context';
import { Notice } from '../components/notice';
import { formatNumber } from '../format/format';
import { marketplaceLabel } from '../format/marketplaces';
import {
  checkChoice,
  useUrlCorrections,
  useUrlState,
  type CheckedChoice,
  type UrlCorrection,
} from '../router/url-state';

/**
 * The marketplace and period a store view shows, read from the URL (`?marketplaceId&days`). A value the view does
 * not offer (a marketplace the store does not sell on, `days=400`) is replaced by the view's default in the URL and
 * said on the page (issue 18: corrected visibly, never silently).
 */
export interface StoreChoices {
  /** Undefined only when the store has no marketplace at all. */
  readonly marketplaceId: string | undefined;
  /** The period; the view's default when it offers none. */
  readonly days: number;
  /** A reader's choice: a new history entry, so Back undoes it. */
  choose(changes: { readonly marketplaceId?: string; readonly days?: number }): void;
  /** What was corrected, for the view to show above its content. */
  readonly corrections: readonly UrlCorrection[];
  dismissCorrections(): void;
}

export function useStoreChoices(
  store: Store,
  period?: { readonly windows: readonly number[]; readonly fallback: number },
): StoreChoices {
  const { params, set } = useUrlState();
  const fallbackMarketplace = store.marketplaceIds[0];
  const marketplace: CheckedChoice<string | undefined> =
    fallbackMarketplace === undefined
      ? { value: undefined }
      : checkChoice(params.get('marketplaceId'), store.marketplaceIds, fallbackMarketplace);
  const days =
    period === undefined ? { value: 0 } : checkChoice(params.get('days'), period.windows, period.fallback);
  const asked: UrlCorrection[] = [];
  if (marketplace.rejected !== undefined && marketplace.value !== undefined)
    asked.push({ param: 'marketplaceId', asked: marketplace.rejected, value: marketplace.value });
  if (days.rejected !== undefined)
    asked.push({ param: 'days', asked: days.rejected, value: String(days.value) });
  const { shown, dismiss } = useUrlCorrections(asked);
  return {
    marketplaceId: marketplace.value,
    days: days.value,
    choose: (changes) =>
      set(
        {
          ...(changes.marketplaceId === undefined ? {} : { marketplaceId: changes.marketplaceId }),
          ...(changes.days === undefined ? {} : { days: String(changes.days) }),
        },
        'push',
      ),
    corrections: shown,
    dismissCorrections: dismiss,
  };
}

/** "30 days shown: 400 is not a period this view offers." / "Amazon.com (United States) shown: XYZ is not …". */
export function UrlCorrectionNotice({ choices }: { choices: StoreChoices }) {
  const { t, locale } = useI18n();
  if (choices.corrections.length === 0) return null;
  return (
    <Notice tone="warning" onDismiss={choices.dismissCorrections}>
      {choices.corrections.map((correction) => (
        <p key={correction.param} data-testid={`url-correction-${correction.param}`}>
          {correction.param === 'days'
            ? t('urlState.daysCorrected', {
                days: formatNumber(locale, Number(correction.value)),
                asked: correction.asked,
              })
            : t('urlState.marketplaceCorrected', {
                marketplace: marketplaceLabel(locale, correction.value),
                asked: correction.asked,
              })}
        </p>
      ))}
    </Notice>
  );
}
