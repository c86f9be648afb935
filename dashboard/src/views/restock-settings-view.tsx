import { useEffect, useState } from 'preact/hooks';
import type { RestockOverride, RestockPlanSettings, Store } from '../api/types';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Loading, Notice } from '../components/notice';
import { saveBody } from '../data/restock-settings';
import { useResource } from '../hooks/use-resource';
import { RestockOverridesTable } from './restock-overrides-table';
import { RestockSettingsForm } from './restock-settings-form';
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
          <RestockSettingsForm key={state.data.version} store={store} data={state.data} onSave={save} />
          <RestockOverridesTable data={state.data} onSave={save} />
        </>
      ) : null}
    </>
  );
}
