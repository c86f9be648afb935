import { useState } from 'preact/hooks';
import { REGIONS, type Region } from '../api/types';
import { useI18n } from '../app-context';
import type { Auth } from '../auth/session';
import { Link } from '../components/link';
import { Notice } from '../components/notice';
import { usePageTitle } from '../hooks/use-page-title';
import { AUTHORIZE_PATH, saveAuthorizeIntent } from '../public/authorize-intent';
import type { PublicDataAccess, PublicPageFacts } from '../public/public-facts';
import { publicText } from '../public/public-text';
import { PublicContactBlock } from './public-contact';

/** `/amazon-sp-api`: what Mint Hub is, whose data it reads, how authorization works, the roles it requests. */
export function PublicSpApiView(props: {
  readonly facts: PublicPageFacts | undefined;
  readonly auth: Auth | undefined;
}) {
  const { t, locale } = useI18n();
  const text = publicText(locale).spApi;
  const { facts } = props;
  usePageTitle(text.title, t('app.title'));
  const retention = facts?.retention;

  return (
    <article class="public-page">
      <div class="page-head">
        <p class="eyebrow">{text.eyebrow}</p>
        <h1 tabIndex={-1}>{text.title}</h1>
        {text.lead.map((paragraph) => (
          <p class="lead" key={paragraph}>
            {paragraph}
          </p>
        ))}
      </div>

      {facts === undefined ? (
        <Notice tone="warning">
          <p>{publicText(locale).factsUnavailable}</p>
        </Notice>
      ) : null}

      <AuthorizeWithAmazon live={facts?.integrationLive === true} auth={props.auth} />

      <section aria-labelledby="public-whose">
        <h2 id="public-whose">{text.whoseTitle}</h2>
        {text.whose.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </section>

      <section aria-labelledby="public-flow">
        <h2 id="public-flow">{text.flowTitle}</h2>
        {retention === undefined ? null : (
          <ol class="public-steps">
            {text
              .flow({
                stateMinutes: retention.authorizationStateMinutes,
                reauthorizationDays: retention.reauthorizationDays,
              })
              .map((step) => (
                <li key={step}>{step}</li>
              ))}
          </ol>
        )}
        {facts?.datasets.includes('ads') ? <p>{text.adsFlow}</p> : null}
      </section>

      {retention === undefined ? null : (
        <section aria-labelledby="public-principles">
          <h2 id="public-principles">{text.principlesTitle}</h2>
          <dl class="public-principles">
            {text.principles({ auditDays: retention.auditLogDays }).map((principle) => (
              <div key={principle.title}>
                <dt>{principle.title}</dt>
                <dd>{principle.body}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}

      <section aria-labelledby="public-roles">
        <h2 id="public-roles">{text.rolesTitle}</h2>
        <p>{text.rolesIntro}</p>
        {facts === undefined ? null : facts.access.length === 0 ? (
          <p>{text.rolesNone}</p>
        ) : (
          <>
            <div class="table-scroll">
              <table class="simple-table public-roles">
                <caption class="visually-hidden">{text.rolesCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{text.rolesColumns.dataset}</th>
                    <th scope="col">{text.rolesColumns.role}</th>
                    <th scope="col">{text.rolesColumns.use}</th>
                  </tr>
                </thead>
                <tbody>
                  {facts.access.map((access) => (
                    <tr key={access.dataset} data-dataset={access.dataset}>
                      <th scope="row">{text.datasetName[access.dataset]}</th>
                      <td class="public-role">
                        <AccessName access={access} />
                      </td>
                      <td>{text.datasetUse[access.dataset]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="hint">{text.noRestrictedRoles}</p>
          </>
        )}
      </section>

      <section aria-labelledby="public-contact">
        <h2 id="public-contact">{text.contactTitle}</h2>
        <PublicContactBlock facts={facts} />
        <p>
          <Link href="/privacy">{publicText(locale).contact.privacyLink}</Link>
        </p>
      </section>
    </article>
  );
}

function AccessName({ access }: { readonly access: PublicDataAccess }) {
  const { locale } = useI18n();
  const text = publicText(locale).spApi;
  return <>{access.api === 'sp-api' ? text.spApiRole(access.role) : text.adsConsent(access.scope)}</>;
}

/**
 * Disabled, "coming soon", until the stage marks the integration live. Once live: the region first, then sign-in
 * (skipped when already signed in), then straight to Amazon's consent from the dashboard's `/authorize` page.
 */
function AuthorizeWithAmazon(props: { readonly live: boolean; readonly auth: Auth | undefined }) {
  const { t, locale } = useI18n();
  const text = publicText(locale).spApi;
  const [region, setRegion] = useState<Region>('NA');
  const [busy, setBusy] = useState(false);
  const { auth } = props;
  const enabled = props.live && auth !== undefined;

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!enabled) return;
    setBusy(true);
    saveAuthorizeIntent(window.sessionStorage, region, Date.now());
    if (auth.current() !== undefined) window.location.assign(AUTHORIZE_PATH);
    else await auth.beginSignIn(AUTHORIZE_PATH, locale);
  };

  return (
    <section class="panel authorize public-authorize" aria-labelledby="public-authorize">
      <h2 id="public-authorize">{text.authorizeTitle}</h2>
      <p class="hint">{props.live ? text.authorizeLive : text.authorizeComingSoonHelp}</p>
      <form class="inline-form" onSubmit={onSubmit}>
        {props.live ? (
          <label class="field">
            <span class="field-label">{t('authorize.regionLabel')}</span>
            <select value={region} onChange={(event) => setRegion(event.currentTarget.value as Region)}>
              {REGIONS.map((id) => (
                <option key={id} value={id}>
                  {t(`region.${id}`)} ({id})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <button
          type="submit"
          class="button button-primary button-large"
          disabled={!enabled || busy}
          aria-busy={busy}
        >
          {!props.live ? text.authorizeComingSoon : busy ? text.authorizeWorking : text.authorizeButton}
        </button>
      </form>
    </section>
  );
}
