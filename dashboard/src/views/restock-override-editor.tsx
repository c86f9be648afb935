import { useEffect, useState } from 'preact/hooks';
import type { InventoryItem, RestockOverrideSettings, RestockSettingsResponse, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Loading, Notice } from '../components/notice';
import {
  OVERRIDE_NUMBER_FIELDS,
  RESTOCK_LIMITS,
  SHIPPING_MODES,
  isShippingMode,
  parseWhole,
  saveBody,
  skuOverride,
  withSkuOverride,
} from '../data/restock-settings';
import { formatNumber } from '../format/format';

type OverrideDraft = Record<string, string>;

/** The SKU's override: empty fields use the store's setting; owners save or remove it, others read it. */
export function RestockOverrideEditor({ store, item }: { store: Store; item: InventoryItem }) {
  const { t, locale } = useI18n();
  const { api } = useServices();
  const [settings, setSettings] = useState<RestockSettingsResponse | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [draft, setDraft] = useState<OverrideDraft>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [outcome, setOutcome] = useState<{ text: string } | { error: unknown } | undefined>(undefined);

  const fill = (response: RestockSettingsResponse) => {
    const own = skuOverride(response.overrides, item.sellerSku);
    const next: OverrideDraft = {};
    for (const field of OVERRIDE_NUMBER_FIELDS)
      next[field] = own?.[field] === undefined ? '' : String(own[field]);
    next['defaultMode'] = own?.defaultMode ?? '';
    next['urgentMode'] = own?.urgentMode ?? '';
    setDraft(next);
  };

  useEffect(() => {
    const controller = new AbortController();
    api
      .getRestockSettings(store.storeId, { signal: controller.signal })
      .then((response) => {
        setSettings(response);
        fill(response);
      })
      .catch((error: unknown) => {
        if (!(error instanceof DOMException && error.name === 'AbortError')) setLoadError(error);
      });
    return () => controller.abort();
  }, [store.storeId, item.sellerSku]);

  if (loadError !== undefined) return <ErrorNotice error={loadError} />;
  if (settings === undefined) return <Loading label={t('restock.loading')} />;
  const editable = settings.canEdit;
  const existing = skuOverride(settings.overrides, item.sellerSku);
  const enabledModes = SHIPPING_MODES.filter((mode) => settings.settings.modes[mode].enabled);

  const save = async (values: RestockOverrideSettings, removed: boolean) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const saved = await api.putRestockSettings(
        store.storeId,
        saveBody(settings, { overrides: withSkuOverride(settings.overrides, item.sellerSku, values) }),
      );
      setSettings(saved);
      fill(saved);
      setOutcome({ text: t(removed ? 'override.removed' : 'override.saved', { sku: item.sellerSku }) });
    } catch (error) {
      setOutcome({ error });
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const values: Record<string, number | string> = {};
    for (const field of OVERRIDE_NUMBER_FIELDS) {
      const text = (draft[field] ?? '').trim();
      if (text === '') continue;
      const limit = RESTOCK_LIMITS[field];
      const value = parseWhole(text, limit);
      if (value === undefined) {
        setProblem(
          t('restock.invalid', {
            field: t(`restock.field.${field}`),
            min: formatNumber(locale, limit.min),
            max: formatNumber(locale, limit.max),
          }),
        );
        return;
      }
      values[field] = value;
    }
    for (const field of ['defaultMode', 'urgentMode'] as const) {
      const value = draft[field] ?? '';
      if (isShippingMode(value)) values[field] = value;
    }
    if (Object.keys(values).length === 0) {
      setProblem(t('override.empty'));
      return;
    }
    setProblem(undefined);
    void save(values as RestockOverrideSettings, false);
  };

  return (
    <form class="override-editor" onSubmit={onSubmit} noValidate aria-labelledby="override-title">
      <h3 id="override-title">{t('override.title')}</h3>
      <p class="hint">{editable ? t('override.help') : t('override.readOnly')}</p>
      <div class="settings-grid">
        {OVERRIDE_NUMBER_FIELDS.map((field) => (
          <label class="field" key={field}>
            <span class="field-label">{t(`restock.field.${field}`)}</span>
            <input
              type="number"
              name={`override-${field}`}
              min={RESTOCK_LIMITS[field].min}
              max={RESTOCK_LIMITS[field].max}
              placeholder={formatNumber(locale, settings.settings[field])}
              value={draft[field]}
              disabled={!editable}
              onInput={(event) => setDraft((d) => ({ ...d, [field]: event.currentTarget.value }))}
            />
          </label>
        ))}
        {(['defaultMode', 'urgentMode'] as const).map((field) => (
          <label class="field" key={field}>
            <span class="field-label">{t(`restock.field.${field}`)}</span>
            <select
              name={`override-${field}`}
              value={draft[field]}
              disabled={!editable}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setDraft((d) => ({ ...d, [field]: value }));
              }}
            >
              <option value="">
                {t('override.storeDefault')}: {t(`mode.${settings.settings[field]}`)}
              </option>
              {enabledModes.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`mode.${mode}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {problem === undefined ? null : (
        <p class="field-error" role="alert">
          {problem}
        </p>
      )}
      {outcome === undefined ? null : 'text' in outcome ? (
        <Notice tone="success">
          <p>{outcome.text}</p>
        </Notice>
      ) : (
        <ErrorNotice error={outcome.error} />
      )}
      {editable ? (
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={busy} aria-busy={busy}>
            {busy ? t('restock.saving') : t('override.save')}
          </button>
          {existing === undefined ? null : (
            <button
              type="button"
              class="button button-danger"
              disabled={busy}
              onClick={() => void save({}, true)}
            >
              {t('override.remove')}
            </button>
          )}
        </div>
      ) : null}
    </form>
  );
}
