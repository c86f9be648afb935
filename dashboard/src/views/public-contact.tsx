import { useI18n } from '../app-context';
import type { PublicPageFacts } from '../public/public-facts';
import { publicText } from '../public/public-text';

/** The contact block both pages end with: the stage's contact, or a plain statement that none is set yet. */
export function PublicContactBlock({ facts }: { readonly facts: PublicPageFacts | undefined }) {
  const { locale } = useI18n();
  const text = publicText(locale).contact;
  const contact = facts?.contact ?? null;
  return (
    <>
      {contact === null ? (
        <p>{text.none}</p>
      ) : (
        <>
          <p>{text.intro}</p>
          <ul class="plain-list contact-list">
            {contact.email === undefined ? null : (
              <li>
                {text.email}: <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </li>
            )}
            {contact.url === undefined ? null : (
              <li>
                {text.url}:{' '}
                <a href={contact.url} rel="noopener noreferrer">
                  {contact.url}
                </a>
              </li>
            )}
          </ul>
        </>
      )}
    </>
  );
}
