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
`;

function page(title: string, body: string, stylesheetHref: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" href="${escapeHtml(stylesheetHref)}" />
  </head>
  <body>
    <main>
${body}
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
}

export function authorizePage(input: AuthorizePageInput): string {
  const hidden = input.hiddenFields
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
  const body = `      <h1>Sign in to Mint Hub</h1>
      <p class="note">Local workspace: choose a seeded operator. No password; this page is never deployed.</p>
      <form method="post" action="${escapeHtml(input.action)}">
${hidden}
${choices}
        <button type="submit" name="cancel" value="1" class="cancel" id="cancel">Cancel</button>
      </form>
      <p class="note links"><a href="/amazon-sp-api">How Mint Hub uses Amazon seller data</a> · <a href="/privacy">Privacy policy</a></p>`;
  return page('Sign in · Mint Hub (local)', body, input.stylesheetHref);
}

export function errorPage(title: string, message: string, stylesheetHref: string): string {
  return page(
    title,
    `      <div class="error"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></div>`,
    stylesheetHref,
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
