import { useEffect, useState } from 'preact/hooks';
import type {
  RestockOverride,
  RestockPlanSettings,
  RestockSettingsResponse,
  ShippingMode,
  Store,
} from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Loading, Notice } from '../components/notice';
import {
  LEG_FIELDS,
  ORDER_FIELDS,
  OVERRIDABLE_FIELDS,
  RESTOCK_LIMITS,
  SHIPPING_MODES,
  TARGET_FIELDS,
  isShippingMode,
  modeLeadTime,
  overrideTarget,
  parseWhole,
  saveBody,
  withoutOverride,
  type NumberField,
} from '../data/restock-settings';
import { formatDateTime, formatNumber } from '../format/format';
import { useResource } from '../hooks/use-resource';
import type { MessageKey } from '../i18n/en';
import './restock.css';

type Outcome =
  { readonly tone: 'success'; readonly text: string } | { readonly tone: 'error'; readonly error: unknown };

/**
 * A store's restock settings: every member reads them (with what each default means), owners edit and save. The
 * API decides (403 for non-owners, 400 naming the field, 409 when someone saved meanwhile); the form's checks
 * are only a shortcut.
 */
export function RestockSettingsView({ store }: { store: Store }) {
  const { t } = useI18n();
  const { api } = useServices();
  const { state, reload, update } = useResource(
    (signal) => api.getRestockSettings(store.storeId, { signal }),
    [store.storeId],
  );
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  useEffect(() => setOutcome(undefined), [store.storeId]);

  const save = async (change: { settings?: RestockPlanSettings; overrides?: readonly RestockOverride[] }) => {
    if (state.status !== 'ready') return false;
    setOutcome(undefined);
    try {
      const saved = await api.putRestockSettings(store.storeId, saveBody(state.data, change));
      update(() => saved);
      setOutcome({ tone: 'success', text: t('restock.saved') });
      return true;
    } catch (error) {
      setOutcome({ tone: 'error', error });
      return false;
    }
  };

  return (
    <>
      {state.status === 'loading' ? <Loading label={t('restock.loading')} /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <>
          <p class="lead">
            {state.data.canEdit
              ? t('restock.intro.edit', { lane: t(`restock.lane.${store.region}`) })
              : t('restock.intro.readOnly')}
          </p>
          {outcome === undefined ? null : outcome.tone === 'success' ? (
            <Notice tone="success" onDismiss={() => setOutcome(undefined)}>
              <p>{outcome.text}</p>
            </Notice>
          ) : (
            <ErrorNotice error={outcome.error} />
          )}
          <SettingsForm key={state.data.version} store={store} data={state.data} onSave={save} />
          <OverridesTable data={state.data} onSave={save} />
        </>
      ) : null}
    </>
  );
}

type Draft = Record<string, string>;

function draftOf(settings: RestockPlanSettings): Draft {
  const draft: Draft = {};
  for (const field of [...LEG_FIELDS, ...TARGET_FIELDS, ...ORDER_FIELDS])
    draft[field] = String(settings[field]);
  for (const mode of SHIPPING_MODES) {
    draft[`${mode}.transitDays`] = String(settings.modes[mode].transitDays);
    draft[`${mode}.overseasWarehouseDays`] = String(settings.modes[mode].overseasWarehouseDays);
  }
  return draft;
}

function SettingsForm(props: {
  store: Store;
  data: RestockSettingsResponse;
  onSave: (change: { settings: RestockPlanSettings }) => Promise<boolean>;
}) {
  const { t, locale } = useI18n();
  const { data } = props;
  const editable = data.canEdit;
  const [draft, setDraft] = useState<Draft>(() => draftOf(data.settings));
  const [flags, setFlags] = useState(() => ({
    enabled: Object.fromEntries(SHIPPING_MODES.map((m) => [m, data.settings.modes[m].enabled])),
    via: Object.fromEntries(SHIPPING_MODES.map((m) => [m, data.settings.modes[m].viaOverseasWarehouse])),
  }));
  const [modes, setModes] = useState({
    defaultMode: data.settings.defaultMode,
    urgentMode: data.settings.urgentMode,
  });
  const [invalid, setInvalid] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const n = (value: number) => formatNumber(locale, value);
  const defaults = data.defaults;

  /** The settings the form holds, or the first problem in it. */
  const build = (): { settings: RestockPlanSettings } | { problem: string } => {
    const whole = (key: string, limit: { min: number; max: number }, label: string) => {
      const value = parseWhole(draft[key] ?? '', limit);
      if (value === undefined)
        throw t('restock.invalid', { field: label, min: n(limit.min), max: n(limit.max) });
      return value;
    };
    try {
      const numbers = Object.fromEntries(
        [...LEG_FIELDS, ...TARGET_FIELDS, ...ORDER_FIELDS].map((field) => [
          field,
          whole(field, RESTOCK_LIMITS[field], t(`restock.field.${field}`)),
        ]),
      ) as Record<NumberField, number>;
      const laneSettings = Object.fromEntries(
        SHIPPING_MODES.map((mode) => [
          mode,
          {
            enabled: flags.enabled[mode] === true,
            transitDays: whole(
              `${mode}.transitDays`,
              RESTOCK_LIMITS.transitDays,
              t('restock.mode.transitOf', { mode: t(`mode.${mode}`) }),
            ),
            viaOverseasWarehouse: flags.via[mode] === true,
            overseasWarehouseDays: whole(
              `${mode}.overseasWarehouseDays`,
              RESTOCK_LIMITS.overseasWarehouseDays,
              t('restock.mode.warehouseOf', { mode: t(`mode.${mode}`) }),
            ),
          },
        ]),
      ) as RestockPlanSettings['modes'];
      return { settings: { ...numbers, modes: laneSettings, ...modes } };
    } catch (problem) {
      return { problem: String(problem) };
    }
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const built = build();
    if ('problem' in built) {
      setInvalid(built.problem);
      return;
    }
    setInvalid(undefined);
    setBusy(true);
    await props.onSave(built);
    setBusy(false);
  };

  const fillDefaults = () => {
    setDraft(draftOf(defaults));
    setFlags({
      enabled: Object.fromEntries(SHIPPING_MODES.map((m) => [m, defaults.modes[m].enabled])),
      via: Object.fromEntries(SHIPPING_MODES.map((m) => [m, defaults.modes[m].viaOverseasWarehouse])),
    });
    setModes({ defaultMode: defaults.defaultMode, urgentMode: defaults.urgentMode });
  };

  const numberField = (field: NumberField) => (
    <div class="setting" key={field}>
      <label class="field">
        <span class="field-label">
          {t(`restock.field.${field}`)}
          {field.endsWith('Days') ? ` (${t('restock.days')})` : ''}
        </span>
        <input
          type="number"
          inputMode="numeric"
          name={field}
          min={RESTOCK_LIMITS[field].min}
          max={RESTOCK_LIMITS[field].max}
          step={1}
          value={draft[field]}
          disabled={!editable}
          aria-describedby={`help-${field}`}
          onInput={(event) => setDraft((d) => ({ ...d, [field]: event.currentTarget.value }))}
        />
      </label>
      <p id={`help-${field}`} class="hint">
        {t(`restock.help.${field}` as MessageKey, { value: n(defaults[field]) })}
      </p>
    </div>
  );

  const enabledModes = SHIPPING_MODES.filter((mode) => flags.enabled[mode] === true);
  const preview = build();

  return (
    <form class="panel restock-form" onSubmit={onSubmit} noValidate aria-labelledby="restock-legs-title">
      <h2 id="restock-legs-title">{t('restock.section.legs')}</h2>
      <div class="settings-grid">{LEG_FIELDS.map(numberField)}</div>

      <h2>{t('restock.section.modes')}</h2>
      <p class="hint">{t('restock.mode.defaults', { lane: t(`restock.lane.${props.store.region}`) })}</p>
      <div class="table-scroll">
        <table class="simple-table modes-table">
          <thead>
            <tr>
              <th scope="col">{t('plan.col.mode')}</th>
              <th scope="col">{t('restock.mode.transit')}</th>
              <th scope="col">{t('restock.mode.via')}</th>
              <th scope="col">{t('restock.mode.warehouse')}</th>
              <th scope="col">{t('restock.mode.lead')}</th>
            </tr>
          </thead>
          <tbody>
            {SHIPPING_MODES.map((mode) => (
              <tr key={mode}>
                <th scope="row">
                  <label class="check">
                    <input
                      type="checkbox"
                      checked={flags.enabled[mode] === true}
                      disabled={!editable}
                      aria-label={t('restock.mode.enabled', { mode: t(`mode.${mode}`) })}
                      onChange={(event) => {
                        const on = event.currentTarget.checked;
                        setFlags((f) => ({ ...f, enabled: { ...f.enabled, [mode]: on } }));
                      }}
                    />
                    {t(`mode.${mode}`)}
                  </label>
                </th>
                <td>
                  <input
                    type="number"
                    class="input-small"
                    min={RESTOCK_LIMITS.transitDays.min}
                    max={RESTOCK_LIMITS.transitDays.max}
                    value={draft[`${mode}.transitDays`]}
                    disabled={!editable}
                    aria-label={t('restock.mode.transitOf', { mode: t(`mode.${mode}`) })}
                    onInput={(event) =>
                      setDraft((d) => ({ ...d, [`${mode}.transitDays`]: event.currentTarget.value }))
                    }
                  />
                  <span class="store-meta">
                    {t('override.storeDefault')}: {n(defaults.modes[mode].transitDays)}
                  </span>
                </td>
                <td>
                  <input
                    type="checkbox"
                    checked={flags.via[mode] === true}
                    disabled={!editable}
                    aria-label={t('restock.mode.viaOf', { mode: t(`mode.${mode}`) })}
                    onChange={(event) => {
                      const on = event.currentTarget.checked;
                      setFlags((f) => ({ ...f, via: { ...f.via, [mode]: on } }));
                    }}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    class="input-small"
                    min={RESTOCK_LIMITS.overseasWarehouseDays.min}
                    max={RESTOCK_LIMITS.overseasWarehouseDays.max}
                    value={draft[`${mode}.overseasWarehouseDays`]}
                    disabled={!editable || flags.via[mode] !== true}
                    aria-label={t('restock.mode.warehouseOf', { mode: t(`mode.${mode}`) })}
                    onInput={(event) =>
                      setDraft((d) => ({
                        ...d,
                        [`${mode}.overseasWarehouseDays`]: event.currentTarget.value,
                      }))
                    }
                  />
                </td>
                <td>
                  {'settings' in preview && flags.enabled[mode] === true
                    ? t('restock.mode.leadDays', { days: n(modeLeadTime(preview.settings, mode)) })
                    : t('common.noValue')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="settings-grid">
        {(['defaultMode', 'urgentMode'] as const).map((field) => (
          <label class="field" key={field}>
            <span class="field-label">{t(`restock.field.${field}`)}</span>
            <select
              name={field}
              value={modes[field]}
              disabled={!editable}
              onChange={(event) => {
                const value = event.currentTarget.value;
                if (isShippingMode(value)) setModes((m) => ({ ...m, [field]: value }));
              }}
            >
              {(enabledModes.includes(modes[field]) ? enabledModes : [...enabledModes, modes[field]]).map(
                (mode: ShippingMode) => (
                  <option key={mode} value={mode}>
                    {t(`mode.${mode}`)}
                  </option>
                ),
              )}
            </select>
          </label>
        ))}
      </div>
      <p class="hint">{t('restock.help.modes')}</p>

      <h2>{t('restock.section.targets')}</h2>
      <div class="settings-grid">{TARGET_FIELDS.map(numberField)}</div>
      <h2>{t('restock.section.order')}</h2>
      <div class="settings-grid">{ORDER_FIELDS.map(numberField)}</div>

      <p class="store-meta">
        {data.updatedAt === null
          ? t('restock.neverSaved')
          : t('restock.updated', { date: formatDateTime(locale, data.updatedAt) })}
      </p>
      {invalid === undefined ? null : (
        <p class="field-error" role="alert">
          {invalid}
        </p>
      )}
      {editable ? (
        <div class="form-actions">
          <button type="submit" class="button button-primary" disabled={busy} aria-busy={busy}>
            {busy ? t('restock.saving') : t('restock.save')}
          </button>
          <button type="button" class="button button-quiet" onClick={fillDefaults}>
            {t('restock.reset')}
          </button>
        </div>
      ) : null}
    </form>
  );
}

function OverridesTable(props: {
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
