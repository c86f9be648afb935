import { useState } from 'preact/hooks';
import type { RestockOverride, RestockSettingsResponse } from '../api/types';
import { useI18n } from '../app-context';
import { OVERRIDABLE_FIELDS, overrideTarget, withoutOverride } from '../data/restock-settings';
import { formatNumber } from '../format/format';
import type { MessageKey } from '../i18n/en';

/** The store's per-SKU and per-ASIN overrides, what each changes, and for owners a Remove button on each. */
export function RestockOverridesTable(props: {
  data: RestockSettingsResponse;
  onSave: (change: { overrides: readonly RestockOverride[] }) => Promise<boolean>;
}) {
  const { t, locale } = useI18n();
  const { data } = props;
  const [busy, setBusy] = useState(false);
  const describe = (override: RestockOverride) =>
    OVERRIDABLE_FIELDS.filter((field) => override[field] !== undefined)
      .map((field) => {
        const value = override[field];
        return `${t(`restock.field.${field}`)}: ${
          typeof value === 'number' ? formatNumber(locale, value) : t(`mode.${String(value)}` as MessageKey)
        }`;
      })
      .join(' · ');

  return (
    <section class="panel" aria-labelledby="restock-overrides-title">
      <h2 id="restock-overrides-title">
        {t('restock.section.overrides', { count: formatNumber(locale, data.overrides.length) })}
      </h2>
      {data.overrides.length === 0 ? (
        <p class="hint">{t('restock.overrides.none')}</p>
      ) : (
        <div class="table-scroll">
          <table class="simple-table">
            <caption class="visually-hidden">{t('restock.overrides.tableLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('restock.overrides.col.target')}</th>
                <th scope="col">{t('restock.overrides.col.values')}</th>
                {data.canEdit ? <th scope="col">{t('restock.overrides.col.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {data.overrides.map((override) => {
                const target = overrideTarget(override);
                const label = t(target.kind === 'sku' ? 'restock.overrides.sku' : 'restock.overrides.asin', {
                  id: target.id,
                });
                return (
                  <tr key={`${target.kind}:${target.id}`}>
                    <th scope="row">{label}</th>
                    <td>{describe(override)}</td>
                    {data.canEdit ? (
                      <td>
                        <button
                          type="button"
                          class="button button-small button-danger"
                          disabled={busy}
                          aria-label={t('restock.overrides.removeLabel', { target: label })}
                          onClick={async () => {
                            setBusy(true);
                            await props.onSave({ overrides: withoutOverride(data.overrides, override) });
                            setBusy(false);
                          }}
                        >
                          {t('restock.overrides.remove')}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
