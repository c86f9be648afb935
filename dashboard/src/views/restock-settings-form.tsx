import { useState } from 'preact/hooks';
import type { RestockPlanSettings, RestockSettingsResponse, Store } from '../api/types';
import { useI18n } from '../app-context';
import {
  LEG_FIELDS,
  ORDER_FIELDS,
  RESTOCK_LIMITS,
  SHIPPING_MODES,
  TARGET_FIELDS,
  parseWhole,
  type NumberField,
} from '../data/restock-settings';
import { formatDateTime, formatNumber } from '../format/format';
import type { MessageKey } from '../i18n/en';
import { ShippingModesSection, type Draft, type ModeChoice, type ModeFlags } from './restock-modes-section';

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

/**
 * The store's restock settings as a form: the legs before shipping, the shipping modes, the targets and the order
 * rules, each field with what its default means. Non-owners read it disabled; owners save it or refill the
 * defaults. The checks here only catch a typo early: the API decides.
 */
export function RestockSettingsForm(props: {
  store: Store;
  data: RestockSettingsResponse;
  onSave: (change: { settings: RestockPlanSettings }) => Promise<boolean>;
}) {
  const { t, locale } = useI18n();
  const { data } = props;
  const editable = data.canEdit;
  const [draft, setDraft] = useState<Draft>(() => draftOf(data.settings));
  const [flags, setFlags] = useState<ModeFlags>(() => ({
    enabled: Object.fromEntries(SHIPPING_MODES.map((m) => [m, data.settings.modes[m].enabled])),
    via: Object.fromEntries(SHIPPING_MODES.map((m) => [m, data.settings.modes[m].viaOverseasWarehouse])),
  }));
  const [modes, setModes] = useState<ModeChoice>({
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

  const preview = build();

  return (
    <form class="panel restock-form" onSubmit={onSubmit} noValidate aria-labelledby="restock-legs-title">
      <h2 id="restock-legs-title">{t('restock.section.legs')}</h2>
      <div class="settings-grid">{LEG_FIELDS.map(numberField)}</div>

      <ShippingModesSection
        region={props.store.region}
        editable={editable}
        defaults={defaults}
        preview={preview}
        draft={draft}
        setDraft={setDraft}
        flags={flags}
        setFlags={setFlags}
        modes={modes}
        setModes={setModes}
      />

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
