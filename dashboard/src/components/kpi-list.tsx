export interface Kpi {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly tone?: 'warning' | 'danger';
}

/** Headline numbers as a description list: each label is read with its value. */
export function KpiList({ label, items }: { readonly label: string; readonly items: readonly Kpi[] }) {
  return (
    <dl class="kpis" aria-label={label}>
      {items.map((item) => (
        <div key={item.id} class={`kpi${item.tone ? ` kpi-${item.tone}` : ''}`}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
