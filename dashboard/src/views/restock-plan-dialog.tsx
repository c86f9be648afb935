import { useEffect, useState } from 'preact/hooks';
import type {
  InventoryItem,
  InventoryResponse,
  RestockOverrideSettings,
  RestockSettingsResponse,
  Store,
} from '../api/types';
import { useI18n, useServices } from '../app-context';
import { Dialog } from '../components/dialog';
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
import type { MessageKey } from '../i18n/en';
import './restock.css';

/**
 * One SKU's restock plan with its own numbers in every formula (so a buyer can check it by hand), the plan per
 * mode, and for owners the SKU's override editor.
 */
export function RestockPlanDialog(props: {
  store: Store;
  data: InventoryResponse;
  item: InventoryItem | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { item } = props;
  return (
    <Dialog
      open={item !== undefined}
      title={item === undefined ? '' : t('plan.title', { sku: item.sellerSku })}
      onClose={props.onClose}
      actions={
        <button type="button" class="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      }
    >
      {item === undefined ? null : (
        <>
          <PlanExplained item={item} data={props.data} />
          <OverrideEditor key={item.sellerSku} store={props.store} item={item} />
        </>
      )}
    </Dialog>
  );
}

function PlanExplained({ item, data }: { item: InventoryItem; data: InventoryResponse }) {
  const { t, locale } = useI18n();
  const plan = item.plan;
  if (plan === undefined) return null;
  const n = (value: number, digits = 0) => formatNumber(locale, value, digits);
  const mode = (value: string) => t(`mode.${value}` as MessageKey);
  const rate = plan.unitsPerDay;
  const s = plan.settings;
  const recommended = plan.modes.find((m) => m.mode === plan.recommendedMode);
  const due = ['out-of-stock', 'order-now', 'order-soon'].includes(plan.status) && plan.quantity > 0;
  const weights = data.velocity?.weights ?? { d7: 0.25, d30: 0.5, d60: 0.25 };

  return (
    <div class="plan">
      <p>
        <span class={`badge status-${plan.status}`}>{t(`restock.status.${plan.status}`)}</span>{' '}
        {plan.provisional ? <span class="store-meta">{t('plan.provisional')}</span> : null}
      </p>
      {rate === null || rate <= 0 || recommended === undefined ? (
        <p>
          {t('plan.nothingToPlan', {
            reason: t(plan.status === 'no-sales' ? 'plan.reason.no-sales' : 'plan.reason.loading'),
          })}
        </p>
      ) : (
        <>
          <p class="plan-answer">
            <strong>
              {due
                ? t(plan.status === 'order-soon' ? 'plan.recommendSoon' : 'plan.recommend', {
                    quantity: n(plan.quantity),
                    mode: mode(recommended.mode),
                    date: recommended.orderBy,
                  })
                : t('plan.noOrder', { mode: mode(recommended.mode), date: recommended.orderBy })}
            </strong>
          </p>
          {plan.arrivesBeforeStockOut === false ? (
            <p class="dialog-warning">
              {t('plan.gap', { mode: mode(recommended.mode), days: n(plan.stockOutGapDays) })}
            </p>
          ) : null}
          <h3>{t('plan.formula')}</h3>
          <ol class="formula">
            {item.unitsSold ? (
              <li>
                {t('plan.velocity', {
                  d7: n(item.unitsSold.d7),
                  d30: n(item.unitsSold.d30),
                  d60: n(item.unitsSold.d60),
                  w7: n(weights.d7, 2),
                  w30: n(weights.d30, 2),
                  w60: n(weights.d60, 2),
                  rate: n(rate, 2),
                })}
                <br />
                <span class="store-meta">{t('plan.velocityNote')}</span>
              </li>
            ) : null}
            <li>
              {t('plan.supply', {
                fulfillable: n(item.fulfillable),
                working: n(item.inboundWorking ?? 0),
                shipped: n(item.inboundShipped ?? 0),
                receiving: n(item.inboundReceiving ?? 0),
                supply: n(plan.supply),
              })}
            </li>
            <li>
              {t('plan.cover', {
                fulfillable: n(item.fulfillable),
                rate: n(rate, 2),
                cover: n(item.daysOfCover ?? 0, 1),
                supply: n(plan.supply),
                coverWithInbound: n(item.daysOfCoverWithInbound ?? 0, 1),
              })}
            </li>
            <li>
              {t('plan.stockOut', {
                today: plan.today,
                days: n(Math.floor(plan.supply / rate + 1e-9)),
                date: plan.stockOutDateWithInbound ?? '',
                shelfDate: plan.stockOutDate ?? '',
              })}
            </li>
            <li>
              {t('plan.lead', {
                mode: mode(recommended.mode),
                production: n(s.productionDays),
                inspection: n(s.inspectionDays),
                transit: n(recommended.transitDays),
                warehouse: n(recommended.overseasWarehouseDays),
                receiving: n(s.receivingDays),
                lead: n(recommended.leadTimeDays),
              })}
            </li>
            <li>
              {t('plan.orderBy', {
                stockOut: plan.stockOutDateWithInbound ?? '',
                safety: n(s.safetyDays),
                lead: n(recommended.leadTimeDays),
                orderBy: recommended.orderBy,
                prep: n(s.productionDays + s.inspectionDays),
                shipBy: recommended.shipBy,
              })}
            </li>
            <li>
              {t('plan.quantity', {
                rate: n(rate, 2),
                safety: n(s.safetyDays),
                cover: n(s.coverDays),
                left: n(Math.max(0, plan.supply - rate * recommended.leadTimeDays), 1),
                raw: n(recommended.unroundedQuantity, 1),
                moq: n(s.minimumOrderQuantity),
                pack: n(s.casePack),
                quantity: n(recommended.quantity),
              })}
            </li>
          </ol>
          <h3>{t('plan.modes')}</h3>
          <div class="table-scroll">
            <table class="simple-table plan-modes">
              <thead>
                <tr>
                  <th scope="col">{t('plan.col.mode')}</th>
                  <th scope="col">{t('plan.col.lead')}</th>
                  <th scope="col">{t('plan.col.orderBy')}</th>
                  <th scope="col">{t('plan.col.shipBy')}</th>
                  <th scope="col">{t('plan.col.arrival')}</th>
                  <th scope="col">{t('plan.col.inTime')}</th>
                  <th scope="col">{t('plan.col.quantity')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.modes.map((m) => (
                  <tr key={m.mode} class={m.mode === plan.recommendedMode ? 'row-recommended' : undefined}>
                    <th scope="row">{mode(m.mode)}</th>
                    <td>{n(m.leadTimeDays)}</td>
                    <td>{m.orderBy}</td>
                    <td>{m.shipBy}</td>
                    <td>{m.arrivalIfOrderedToday}</td>
                    <td>{t(m.arrivesBeforeStockOut ? 'plan.yes' : 'plan.no')}</td>
                    <td>{n(m.quantity)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="hint">{t('plan.factoryNote')}</p>
        </>
      )}
      <p class="store-meta">
        {plan.settings.source === 'asin'
          ? t('plan.settingsFrom.asin', { asin: item.asin })
          : t(plan.settings.source === 'sku' ? 'plan.settingsFrom.sku' : 'plan.settingsFrom.store')}
      </p>
    </div>
  );
}

type OverrideDraft = Record<string, string>;

/** The SKU's override: empty fields use the store's setting; owners save or remove it, others read it. */
function OverrideEditor({ store, item }: { store: Store; item: InventoryItem }) {
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
