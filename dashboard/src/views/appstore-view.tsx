import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n, useServices } from '../app-context';
import { ErrorNotice } from '../components/error-notice';
import { Loading, Notice } from '../components/notice';
import {
  keepAppstoreHandOff,
  loadAppstoreSchema,
  markHandOffSent,
  readHandOff,
  type AppstoreSchema,
  type HandOff,
} from '../data/appstore-handoff';
import { usePageTitle } from '../hooks/use-page-title';
import type { MessageKey } from '../i18n/i18n';
import { startAuthorization } from './start-authorization';

/**
 * The Appstore flow's landing page. Amazon's Login URI sends the browser here with the seller waiting to be
 * connected; the hand-off is kept in this tab (data/appstore-handoff.ts) and checked with the API's schema before
 * anything of it is shown. Signed out, the page names the seller and offers sign-in (`AppstoreSignIn`, on the
 * boot screen); signed in, it asks the operator to confirm (`AppstoreView`), and only the confirmation starts the
 * authorization (state bound to this operator) and sends the browser back to Amazon, once.
 */

type Checked = HandOff | { readonly kind: 'checking' } | { readonly kind: 'unavailable' };

const PROBLEM_KEYS: Record<Exclude<Checked['kind'], 'valid' | 'checking'>, MessageKey> = {
  none: 'appstore.missing',
  invalid: 'appstore.invalid',
  expired: 'appstore.expired',
  sent: 'appstore.sent',
  unavailable: 'appstore.unavailable',
};

/** The hand-off of this tab, checked once the schema's chunk has loaded. */
function useHandOff(): { readonly checked: Checked; readonly recheck: () => Checked } {
  const [checked, setChecked] = useState<Checked>({ kind: 'checking' });
  const schema = useRef<AppstoreSchema | undefined>(undefined);
  useEffect(() => {
    let live = true;
    keepAppstoreHandOff(window.location, window.history, window.sessionStorage, Date.now());
    loadAppstoreSchema().then(
      (loaded) => {
        schema.current = loaded;
        if (live) setChecked(readHandOff(window.sessionStorage, Date.now(), loaded));
      },
      () => {
        if (live) setChecked({ kind: 'unavailable' });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  const recheck = (): Checked => {
    if (schema.current === undefined) return checked;
    const next = readHandOff(window.sessionStorage, Date.now(), schema.current);
    setChecked(next);
    return next;
  };
  return { checked, recheck };
}

function HandOffProblem({ checked }: { checked: Exclude<Checked, { kind: 'valid' }> }) {
  const { t } = useI18n();
  if (checked.kind === 'checking') return <Loading label={t('appstore.checking')} />;
  return (
    <Notice tone="error">
      <p>{t(PROBLEM_KEYS[checked.kind])}</p>
    </Notice>
  );
}

/** Signed out: which seller is waiting, and sign-in (the hand-off stays in this tab for the way back). */
export function AppstoreSignIn(props: { outcome: ComponentChildren; onSignIn: () => void }) {
  const { t } = useI18n();
  usePageTitle(t('appstore.title'), t('app.title'));
  const { checked } = useHandOff();
  return (
    <>
      <h1 tabIndex={-1}>{t('appstore.title')}</h1>
      {checked.kind !== 'valid' ? (
        <HandOffProblem checked={checked} />
      ) : (
        <>
          <p class="lead">{t('appstore.waiting', { id: checked.request.sellingPartnerId })}</p>
          <p>{t('appstore.signInToContinue')}</p>
          {props.outcome}
          <button type="button" class="button button-primary button-large" onClick={props.onSignIn}>
            {t('signIn.button')}
          </button>
        </>
      )}
    </>
  );
}

/** Signed in: the confirmation. Confirming creates the authorization and leaves for Amazon, at most once. */
export function AppstoreView() {
  const { t } = useI18n();
  const { api } = useServices();
  usePageTitle(t('appstore.title'), t('app.title'));
  const { checked, recheck } = useHandOff();
  const [phase, setPhase] = useState<'confirm' | 'working'>('confirm');
  const [error, setError] = useState<unknown>(undefined);
  const working = useRef(false);

  const confirm = () => {
    if (working.current) return;
    // The hand-off may have expired while the page was open: checked again at the click.
    const current = recheck();
    if (current.kind !== 'valid') return;
    working.current = true;
    setPhase('working');
    setError(undefined);
    startAuthorization(api, current.request, (url) => {
      // From here on this amazon_state is Amazon's: never offered again, whatever happens next.
      markHandOffSent(window.sessionStorage, Date.now());
      window.location.assign(url);
    }).catch((caught: unknown) => {
      working.current = false;
      setPhase('confirm');
      setError(caught);
    });
  };

  return (
    <>
      <div class="page-head">
        <h1 tabIndex={-1}>{t('appstore.title')}</h1>
        {checked.kind === 'valid' ? (
          <p class="lead">{t('appstore.waiting', { id: checked.request.sellingPartnerId })}</p>
        ) : null}
      </div>
      {checked.kind !== 'valid' ? (
        <HandOffProblem checked={checked} />
      ) : phase === 'working' ? (
        <Loading label={t('appstore.working')} />
      ) : (
        <>
          <p>{t('appstore.confirmIntro')}</p>
          {error === undefined ? null : (
            <>
              <p class="notice-title">{t('appstore.refused')}</p>
              <ErrorNotice error={error} />
            </>
          )}
          <button type="button" class="button button-primary button-large" onClick={confirm}>
            {t('appstore.confirm', { id: checked.request.sellingPartnerId })}
          </button>
        </>
      )}
    </>
  );
}
