import type { Dispatch, StateUpdater } from 'preact/hooks';
import type { RestockPlanSettings, ShippingMode, Store } from '../api/types';
import { useI18n } from '../app-context';
import { RESTOCK_LIMITS, SHIPPING_MODES, isShippingMode, modeLeadTime } from '../data/restock-settings';
import { formatNumber } from '../format/format';

/** The form's text fields, keyed by setting (`productionDays`) or mode and setting (`sea.transitDays`). */
export type Draft = Record<string, string>;

/** Per mode: whether it is offered, and whether it goes through an overseas warehouse. */
export interface ModeFlags {
  readonly enabled: Readonly<Record<string, boolean>>;
  readonly via: Readonly<Record<string, boolean>>;
}

export interface ModeChoice {
  readonly defaultMode: ShippingMode;
  readonly urgentMode: ShippingMode;
}

/**
 * The restock form's shipping modes: per mode whether it is offered, its transit and overseas-warehouse days
 * (with the store's default beside them) and the lead time they add up to, then the default and urgent mode,
 * chosen among the offered ones. The state is the form's; this section only shows and changes it.
 */
export function ShippingModesSection(props: {
  region: Store['region'];
  editable: boolean;
  defaults: RestockPlanSettings;
  /** The settings the form holds as typed, or the first problem in them (then no lead time is shown). */
  preview: { settings: RestockPlanSettings } | { problem: string };
  draft: Draft;
  setDraft: Dispatch<StateUpdater<Draft>>;
  flags: ModeFlags;
  setFlags: Dispatch<StateUpdater<ModeFlags>>;
  modes: ModeChoice;
  setModes: Dispatch<StateUpdater<ModeChoice>>;
}) {
  const { t, locale } = useI18n();
  const { editable, defaults, preview, draft, setDraft, flags, setFlags, modes, setModes } = props;
  const n = (value: number) => formatNumber(locale, value);
  const enabledModes = SHIPPING_MODES.filter((mode) => flags.enabled[mode] === true);

  return (
    <>
      <h2>{t('restock.section.modes')}</h2>
      <p class="hint">{t('restock.mode.defaults', { lane: t(`restock.lane.${props.region}`) })}</p>
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
    </>
  );
}
