import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../app-context';
import { auditRangeFrom, type DayRange } from '../data/audit';

/** The access log's time range: two days, inclusive, put in order when reversed. */
export function RangeForm({ range, onSubmit }: { range: DayRange; onSubmit: (range: DayRange) => void }) {
  const { t } = useI18n();
  const [from, setFrom] = useState(range.from);
  const [to, setTo] = useState(range.to);
  useEffect(() => {
    setFrom(range.from);
    setTo(range.to);
  }, [range.from, range.to]);
  return (
    <form
      class="inline-form"
      aria-label={t('audit.range')}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(auditRangeFrom(from, to, Date.now()));
      }}
    >
      <label class="field">
        <span class="field-label">{t('audit.from')}</span>
        <input
          type="date"
          value={from}
          max={to}
          required
          onInput={(event) => setFrom(event.currentTarget.value)}
        />
      </label>
      <label class="field">
        <span class="field-label">{t('audit.to')}</span>
        <input
          type="date"
          value={to}
          min={from}
          required
          onInput={(event) => setTo(event.currentTarget.value)}
        />
      </label>
      <button type="submit" class="button button-primary">
        {t('audit.apply')}
      </button>
    </form>
  );
}
