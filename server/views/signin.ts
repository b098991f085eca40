/**
 * The sign-in page, shown before any session: its CSRF field is the anonymous double-submit
 * token of this response, passed in. One message for every kind of failed attempt. Every value
 * is escaped by the `html` template.
 */
import { html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';

/** The CSRF field of a form whose token is given (the sign-in form has no session yet). */
export const csrfFieldWith = (token: string): SafeHtml => html`<input type="hidden" name="_csrf" value="${token}">`;

export interface SigninView {
  readonly csrf: string;
  readonly next: string;
  readonly message?: string;
  readonly notice?: string;
  readonly username?: string;
}

export function signinPage(v: SigninView): string {
  const alert = v.message ? html`<div class="errors" role="alert"><p>${v.message}</p></div>` : '';
  const notice = v.notice ? html`<p class="note" role="status">${v.notice}</p>` : '';
  return layout(
    'Sign in',
    html`<h1>Sign in</h1>${notice}${alert}
<form method="post" action="/signin" class="signin">${csrfFieldWith(v.csrf)}
<input type="hidden" name="next" value="${v.next}">
<p><label for="username">Username</label><br><input id="username" name="username" autocomplete="username" required maxlength="64" value="${v.username ?? ''}"></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"></p>
<p><button type="submit">Sign in</button></p>
</form>`,
  );
}

/** The sign-out button of a page header, for the user shown, with the session's CSRF token. */
export function signOutForm(user: { displayName: string; role: string } | undefined, csrf: string): string {
  if (!user) return '';
  return html`<form method="post" action="/signout" class="signout">${csrfFieldWith(csrf)}<span>${user.displayName} (${user.role})</span> <button type="submit">Sign out</button></form>`.text;
}
