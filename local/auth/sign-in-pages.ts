import type { SeededOperator } from './seeded-operators';

/**
 * The local sign-in's pages: plain HTML, every value escaped, no inline script or style, so the pages work under
 * a strict Content-Security-Policy (the stylesheet is served from the same origin).
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

export const SIGN_IN_STYLESHEET = `body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f7f5;color:#17211b;margin:0}
main{max-width:460px;margin:48px auto;background:#fff;border-radius:10px;padding:28px 32px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:20px;margin:0 0 4px}p.note{color:#58655d;font-size:13px;margin:0 0 20px}
button{display:block;width:100%;text-align:left;padding:12px 14px;margin:8px 0;border:1px solid #cfd8d2;border-radius:8px;background:#fff;font-size:15px;cursor:pointer}
button:hover,button:focus{border-color:#1f8a5b;outline:none}button small{display:block;color:#58655d;font-size:12px}
button.cancel{text-align:center;color:#58655d}p.links{margin:20px 0 0}a{color:#1f6f4a}code{font-size:13px}li{margin:6px 0}.error{border-left:4px solid #b3261e;padding-left:12px}
nav.languages{display:flex;justify-content:flex-end;gap:4px;margin:-12px -12px 8px 0}nav.languages a{display:inline-flex;align-items:center;min-height:44px;padding:0 10px;border-radius:6px}nav.languages a[aria-current]{font-weight:700;text-decoration:none;background:#e6f4ee}
button{min-height:44px}@media (max-width:520px){main{margin:0;border-radius:0;padding:20px 16px}}
`;

/** The sign-in pages' languages: the dashboard's (dashboard/src/i18n), by the same ids. */
export type SignInLocale = 'en' | 'zh-CN';
export const SIGN_IN_LOCALES: readonly { readonly id: SignInLocale; readonly label: string }[] = [
  { id: 'en', label: 'English' },
  { id: 'zh-CN', label: '简体中文' },
];

/**
 * The cookie that hands a language picked on the sign-in page to the dashboard (the page runs no script, so it
 * cannot write the dashboard's localStorage): same name as the dashboard's storage key, read once and cleared.
 */
export const LANGUAGE_COOKIE = 'mintHub.language';

const TEXT = {
  en: {
    pageTitle: 'Sign in · Mint Hub (local)',
    title: 'Sign in to Mint Hub',
    note: 'Local workspace: choose a seeded operator. No password; this page is never deployed.',
    cancel: 'Cancel',
    spApi: 'How Mint Hub uses Amazon seller data',
    privacy: 'Privacy policy',
    language: 'Language',
    signInError: 'Sign-in error',
    signOutError: 'Sign-out error',
    unknownClient: 'Unknown client_id.',
    redirectOutside: 'redirect_uri must be a page of {base}.',
    logoutOutside: 'logout_uri must be a page of {base}.',
    chooseOperator: 'Choose one of the seeded operators.',
    back: 'Back to Mint Hub',
  },
  'zh-CN': {
    pageTitle: '登录 · Mint Hub（本地）',
    title: '登录 Mint Hub',
    note: '本地工作区：请选择一个预置的操作员。无需密码；此页面不会部署到线上。',
    cancel: '取消',
    spApi: 'Mint Hub 如何使用亚马逊卖家数据',
    privacy: '隐私政策',
    language: '语言',
    signInError: '登录出错',
    signOutError: '退出登录出错',
    unknownClient: '未知的 client_id。',
    redirectOutside: 'redirect_uri 必须是 {base} 的页面。',
    logoutOutside: 'logout_uri 必须是 {base} 的页面。',
    chooseOperator: '请选择一个预置的操作员。',
    back: '返回 Mint Hub',
  },
} as const satisfies Record<SignInLocale, Record<string, string>>;

export type SignInMessage = keyof (typeof TEXT)['en'];

export function signInText(
  locale: SignInLocale,
  key: SignInMessage,
  params: Record<string, string> = {},
): string {
  return TEXT[locale][key].replace(/\{(\w+)\}/g, (match, name: string) => params[name] ?? match);
}

export function isSignInLocale(value: unknown): value is SignInLocale {
  return value === 'en' || value === 'zh-CN';
}

/**
 * The page's language: the request's `lang` (the dashboard sends its own; the switch links send the pick), else a
 * choice remembered in the cookie, else the browser's languages (any Chinese → 简体中文), else English.
 */
export function pickSignInLocale(input: {
  readonly lang: string | null | undefined;
  readonly cookie: string | undefined;
  readonly acceptLanguage: string | undefined;
}): SignInLocale {
  if (isSignInLocale(input.lang)) return input.lang;
  const remembered = languageFromCookie(input.cookie);
  if (remembered !== undefined) return remembered;
  for (const part of (input.acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

export function languageFromCookie(header: string | undefined): SignInLocale | undefined {
  for (const pair of (header ?? '').split(';')) {
    const [name, value] = pair.trim().split('=');
    if (name === LANGUAGE_COOKIE && isSignInLocale(value)) return value;
  }
  return undefined;
}

/** The `Set-Cookie` that remembers a language picked on the sign-in page (readable by the dashboard's script). */
export function languageCookie(locale: SignInLocale): string {
  return `${LANGUAGE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** The language switch every sign-in page carries: links, since the pages run no script. */
export interface LanguageSwitch {
  readonly locale: SignInLocale;
  /** The same page in another language. */
  readonly hrefFor: (locale: SignInLocale) => string;
  /** The person picked `locale` on this page (a switch link), rather than it being inferred. */
  readonly picked?: boolean;
}

function languageLinks(languages: LanguageSwitch): string {
  const links = SIGN_IN_LOCALES.map(
    (option) =>
      `<a href="${escapeHtml(languages.hrefFor(option.id))}" lang="${option.id}" hreflang="${option.id}"` +
      `${option.id === languages.locale ? ' aria-current="true"' : ''}>${escapeHtml(option.label)}</a>`,
  ).join(' ');
  return `      <nav class="languages" aria-label="${escapeHtml(signInText(languages.locale, 'language'))}">${links}</nav>`;
}

function page(title: string, body: string, stylesheetHref: string, languages?: LanguageSwitch): string {
  return `<!doctype html>
<html lang="${languages?.locale ?? 'en'}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" href="${escapeHtml(stylesheetHref)}" />
  </head>
  <body>
    <main>
${languages === undefined ? '' : `${languageLinks(languages)}\n`}${body}
    </main>
  </body>
</html>
`;
}

export interface AuthorizePageInput {
  readonly action: string;
  readonly stylesheetHref: string;
  /** The validated authorization request, carried through the form unchanged. */
  readonly hiddenFields: ReadonlyArray<readonly [string, string]>;
  readonly operators: readonly SeededOperator[];
  readonly languages: LanguageSwitch;
}

export function authorizePage(input: AuthorizePageInput): string {
  const { locale } = input.languages;
  const text = (key: SignInMessage) => escapeHtml(signInText(locale, key));
  const hidden = [...input.hiddenFields, ['lang', locale] as const]
    .map(
      ([name, value]) =>
        `        <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}" />`,
    )
    .join('\n');
  const choices = input.operators
    .map(
      (operator) =>
        `        <button type="submit" name="user" value="${escapeHtml(operator.id)}" id="sign-in-${escapeHtml(operator.handle)}">` +
        `${escapeHtml(operator.name)}<small>${escapeHtml(operator.email)}${operator.groups.length > 0 ? ` · ${escapeHtml(operator.groups.join(', '))}` : ''}</small></button>`,
    )
    .join('\n');
  const body = `      <h1>${text('title')}</h1>
      <p class="note">${text('note')}</p>
      <form method="post" action="${escapeHtml(input.action)}">
${hidden}
${choices}
        <button type="submit" name="cancel" value="1" class="cancel" id="cancel">${text('cancel')}</button>
      </form>
      <p class="note links"><a href="/amazon-sp-api">${text('spApi')}</a> · <a href="/privacy">${text('privacy')}</a></p>`;
  return page(signInText(locale, 'pageTitle'), body, input.stylesheetHref, input.languages);
}

export function errorPage(
  title: string,
  message: string,
  stylesheetHref: string,
  languages?: LanguageSwitch,
): string {
  const back =
    languages === undefined
      ? ''
      : `<p class="links"><a href="/">${escapeHtml(signInText(languages.locale, 'back'))}</a></p>`;
  return page(
    title,
    `      <div class="error"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></div>${back}`,
    stylesheetHref,
    languages,
  );
}

export interface IndexPageInput {
  readonly baseUrl: string;
  readonly stylesheetHref: string;
  readonly operators: readonly SeededOperator[];
}

/** What `/local` shows: the seeded operators and how to get a token for each. */
export function indexPage(input: IndexPageInput): string {
  const users = input.operators
    .map(
      (operator) =>
        `        <li><strong>${escapeHtml(operator.name)}</strong> <code>${escapeHtml(operator.email)}</code>` +
        `${operator.groups.length > 0 ? ` (${escapeHtml(operator.groups.join(', '))})` : ''}</li>`,
    )
    .join('\n');
  const body = `      <h1>Local sign-in</h1>
      <p class="note">Stands in for the Cognito hosted sign-in in the local workspace only.</p>
      <ul>
${users}
      </ul>
      <p>A bearer token for scripts:</p>
      <p><code>curl -X POST ${escapeHtml(input.baseUrl)}/local/token -d '{"user":"lin@minthub.local"}'</code></p>`;
  return page('Local sign-in · Mint Hub', body, input.stylesheetHref);
}
