/**
 * The form where a signed-in user sets their own password (current one, new one twice).
 */
import { MIN_PASSWORD_LENGTH } from '../auth/password.ts';
import { csrfInput, html } from './html.ts';
import { layout } from './layout.ts';

export function passwordPage(opts: { required: boolean; errors?: readonly string[] }): string {
  const errors = opts.errors?.length ? html`<div class="errors" role="alert"><ul>${opts.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : '';
  const why = opts.required
    ? html`<p role="status">Your password was set by an administrator. Choose your own before you go on.</p>`
    : '';
  return layout(
    'Change password',
    html`<h1>Change your password</h1>${why}${errors}
<form method="post" action="/account/password">${csrfInput()}
<p><label for="current">Current password</label><br><input id="current" name="current" type="password" autocomplete="current-password" required maxlength="1024"></p>
<p><label for="next">New password (at least ${MIN_PASSWORD_LENGTH} characters)</label><br><input id="next" name="next" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="1024"></p>
<p><label for="confirm">New password again</label><br><input id="confirm" name="confirm" type="password" autocomplete="new-password" required maxlength="1024"></p>
<p><button type="submit">Set password</button></p>
</form>`,
  );
}
