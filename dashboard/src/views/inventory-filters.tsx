import { useMemo } from 'preact/hooks';
import type { InventoryItem } from '../api/types';
import { useI18n } from '../app-context';
import { flagsInUse, statusesInUse, type InventoryFilter } from '../data/inventory';

/** A value turned on or off in a list of chosen values. */
const toggled = (current: readonly string[], value: string, on: boolean): string[] =>
  on ? [...current.filter((v) => v !== value), value] : current.filter((v) => v !== value);

/**
 * The inventory table's search box and filters: restock statuses and flags, each offered only when the data holds
 * it. The values live in the URL (the view reads and writes them); this only draws them and reports changes.
 */
export function InventoryFilters(props: {
  items: readonly InventoryItem[];
  filter: Required<InventoryFilter>;
  onQuery: (query: string) => void;
  onStatuses: (statuses: readonly string[]) => void;
  onFlags: (flags: readonly string[]) => void;
  onClear: () => void;
}) {
  const { t, tv } = useI18n();
  const { query, flags, statuses } = props.filter;
  const availableFlags = useMemo(() => flagsInUse(props.items), [props.items]);
  const availableStatuses = useMemo(() => statusesInUse(props.items), [props.items]);
  return (
    <div class="filters">
      <label class="field field-grow">
        <span class="field-label">{t('inventory.search')}</span>
        <input type="search" value={query} onInput={(event) => props.onQuery(event.currentTarget.value)} />
      </label>
      <CheckboxFilter
        legend={t('inventory.statusLegend')}
        offered={availableStatuses}
        chosen={statuses}
        label={(status) => tv('restock.status', status)}
        onChange={props.onStatuses}
      />
      <CheckboxFilter
        legend={t('inventory.flagsLegend')}
        offered={availableFlags}
        chosen={flags}
        label={(flag) => tv('flag', flag)}
        onChange={props.onFlags}
      />
      {query !== '' || flags.length > 0 || statuses.length > 0 ? (
        <button type="button" class="button button-quiet" onClick={props.onClear}>
          {t('common.clearFilters')}
        </button>
      ) : null}
    </div>
  );
}

/** One group of checkboxes ("Show only", flags); nothing when the data offers no value. */
function CheckboxFilter(props: {
  legend: string;
  offered: readonly string[];
  chosen: readonly string[];
  label: (value: string) => string;
  onChange: (chosen: readonly string[]) => void;
}) {
  if (props.offered.length === 0) return null;
  return (
    <fieldset class="flag-filter">
      <legend>{props.legend}</legend>
      {props.offered.map((value) => (
        <label key={value} class="check">
          <input
            type="checkbox"
            checked={props.chosen.includes(value)}
            onChange={(event) => props.onChange(toggled(props.chosen, value, event.currentTarget.checked))}
          />
          {props.label(value)}
        </label>
      ))}
    </fieldset>
  );
}
