// Seller Central look-alike pages: plain, self-contained HTML with inline CSS. Every interpolated value
// goes through escapeHtml; use the `html` tag so that is the default, and `raw` only for trusted markup.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

export class TrustedHtml {
  constructor(readonly value: string) {}
}

export function raw(markup: string): TrustedHtml {
  return new TrustedHtml(markup);
}

type Interpolation = string | number | boolean | TrustedHtml | readonly TrustedHtml[] | undefined;

/** Template tag: escapes every value unless it is TrustedHtml (or a list of it). */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): TrustedHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    if (value instanceof TrustedHtml) out += value.value;
    else if (Array.isArray(value)) out += value.map((item: TrustedHtml) => item.value).join('');
    else if (value !== undefined) out += escapeHtml(value);
    out += strings[index + 1] ?? '';
  });
  return new TrustedHtml(out);
}

const STYLE = `
  body { font-family: "Amazon Ember", Arial, sans-serif; margin: 0; background: #f3f3f3; color: #0f1111; }
  header { background: #232f3e; color: #fff; padding: 12px 24px; font-size: 18px; }
  header small { color: #ccc; font-size: 12px; margin-left: 8px; }
  main { max-width: 760px; margin: 24px auto; background: #fff; padding: 24px 32px; border-radius: 8px;
         box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  h1 { font-size: 22px; margin-top: 0; }
  .seller { display: block; padding: 10px 12px; border: 1px solid #d5d9d9; border-radius: 6px; margin: 8px 0; }
  .seller small { color: #565959; }
  .actions { margin-top: 20px; display: flex; gap: 12px; }
  button { font-size: 14px; padding: 8px 18px; border-radius: 20px; border: 1px solid #d5d9d9; cursor: pointer;
           background: #fff; }
  button.primary { background: #ffd814; border-color: #fcd200; }
  .error { border-left: 4px solid #cc0c39; padding-left: 12px; }
  .code { font-family: monospace; color: #cc0c39; }
  table { border-collapse: collapse; width: 100%; font-size: 14px; }
  th, td { text-align: left; padding: 8px; border-bottom: 1px solid #e7e7e7; }
  .muted { color: #565959; font-size: 13px; }
`;

export function page(title: string, body: TrustedHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <header>seller central <small>Amazon sandbox (local, not Amazon)</small></header>
        <main>${body}</main>
      </body>
    </html>`.value;
}

export function errorPage(title: string, message: string, errorCode?: string): string {
  return page(
    title,
    html`<div class="error">
      <h1>${title}</h1>
      <p>${message}</p>
      ${errorCode ? html`<p>Error code: <span class="code" id="error-code">${errorCode}</span></p>` : undefined}
    </div>`,
  );
}
