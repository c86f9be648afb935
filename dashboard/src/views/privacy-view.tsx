import { useI18n } from '../app-context';
import { Notice } from '../components/notice';
import { usePageTitle } from '../hooks/use-page-title';
import type { PublicPageFacts } from '../public/public-facts';
import { publicText } from '../public/public-text';
import { PublicContactBlock } from './public-contact';

/** `/privacy`: the privacy policy, its retention periods read from the deployed configuration. */
export function PrivacyView({ facts }: { readonly facts: PublicPageFacts | undefined }) {
  const { t, locale } = useI18n();
  const all = publicText(locale);
  const text = all.privacy;
  usePageTitle(text.title, t('app.title'));
  const retention = facts?.retention;

  const paragraphs = (items: readonly string[]) => items.map((item) => <p key={item}>{item}</p>);

  return (
    <article class="public-page">
      <div class="page-head">
        <h1 tabIndex={-1}>{text.title}</h1>
        <p class="lead">{text.lead}</p>
      </div>

      <section aria-labelledby="privacy-scope">
        <h2 id="privacy-scope">{text.scopeTitle}</h2>
        {paragraphs(text.scope)}
      </section>

      <section aria-labelledby="privacy-collect">
        <h2 id="privacy-collect">{text.collectTitle}</h2>
        <ul class="public-list">
          {text.collect.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p class="public-emphasis">{text.noBuyerData}</p>
      </section>

      <section aria-labelledby="privacy-use">
        <h2 id="privacy-use">{text.useTitle}</h2>
        {paragraphs(text.use)}
      </section>

      <section aria-labelledby="privacy-third-parties">
        <h2 id="privacy-third-parties">{text.thirdPartiesTitle}</h2>
        {paragraphs(text.thirdParties)}
      </section>

      <section aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">{text.retentionTitle}</h2>
        {retention === undefined ? (
          <Notice tone="warning">
            <p>{all.factsUnavailable}</p>
          </Notice>
        ) : (
          <>
            <p>{text.retentionIntro}</p>
            <div class="table-scroll">
              <table class="simple-table public-retention">
                <caption class="visually-hidden">{text.retentionCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{text.retentionColumns.what}</th>
                    <th scope="col">{text.retentionColumns.kept}</th>
                  </tr>
                </thead>
                <tbody>
                  {retention.snapshots.map((snapshot) => (
                    <RetentionRow
                      key={snapshot.dataset}
                      id={`snapshot-${snapshot.dataset}`}
                      what={text.retentionSnapshot[snapshot.dataset]}
                      kept={text.days(snapshot.days)}
                    />
                  ))}
                  <RetentionRow id="token" what={text.retentionToken} kept={text.retentionTokenKept} />
                  <RetentionRow
                    id="audit"
                    what={text.retentionAudit}
                    kept={text.days(retention.auditLogDays)}
                  />
                  <RetentionRow
                    id="site-logs"
                    what={text.retentionSiteLogs}
                    kept={text.days(retention.siteAccessLogDays)}
                  />
                  <RetentionRow
                    id="revocation-queue"
                    what={text.retentionQueue}
                    kept={text.days(retention.revocationQueueDays)}
                  />
                  <RetentionRow
                    id="dead-letter-queue"
                    what={text.retentionDeadLetter}
                    kept={text.days(retention.deadLetterQueueDays)}
                  />
                  <RetentionRow
                    id="state"
                    what={text.retentionState}
                    kept={text.minutes(retention.authorizationStateMinutes)}
                  />
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="privacy-revocation">
        <h2 id="privacy-revocation">{text.revocationTitle}</h2>
        {paragraphs(text.revocation)}
      </section>

      <section aria-labelledby="privacy-access-log">
        <h2 id="privacy-access-log">{text.accessLogTitle}</h2>
        {paragraphs(text.accessLog)}
      </section>

      <section aria-labelledby="privacy-revoke">
        <h2 id="privacy-revoke">{text.revokeTitle}</h2>
        <ol class="public-steps">
          {text.revokeSteps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        {facts?.datasets.includes('ads') ? <p>{text.revokeAds}</p> : null}
      </section>

      <section aria-labelledby="privacy-contact">
        <h2 id="privacy-contact">{text.contactTitle}</h2>
        <PublicContactBlock facts={facts} />
      </section>
    </article>
  );
}

function RetentionRow(props: { readonly id: string; readonly what: string; readonly kept: string }) {
  return (
    <tr data-retention={props.id}>
      <th scope="row">{props.what}</th>
      <td>{props.kept}</td>
    </tr>
  );
}
