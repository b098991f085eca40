/**
 * The practice settings page (admins): the practice's name on board packs and emails, with
 * where the current one comes from, and whether admins and managers must use multi-factor
 * sign-in. Escaped by the `html` template; each form carries its CSRF field.
 */
import { csrfInput, html } from './html.ts';
import { layout } from './layout.ts';

export interface SettingsView {
  readonly practiceName: string;
  readonly isSet: boolean;
  /** Whether multi-factor sign-in is required for admin and manager (server/settings/mfaRequired.ts). */
  readonly mfaRequired?: boolean;
  readonly saved?: boolean;
  /** The multi-factor setting was just saved. */
  readonly mfaSaved?: boolean;
  readonly errors?: readonly string[];
}

export function settingsPage(v: SettingsView): string {
  const origin = v.isSet ? 'set here' : 'not set here yet: packs show the configured name, the demo practice\u2019s name while the demo is on, or \u201cPractice name not set\u201d';
  const saved = v.saved ? html`<p role="status" class="note">Saved. New board packs and emails carry this name.</p>` : '';
  const errors = v.errors?.length ? html`<div class="errors" role="alert"><ul>${v.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : '';
  return layout(
    'Settings',
    html`<h1>Practice settings</h1>${saved}${errors}
<form method="post" action="/admin/settings">${csrfInput()}
<p><label for="practiceName">Practice name (on board packs and emails)</label><br><input id="practiceName" name="practiceName" required maxlength="120" value="${v.practiceName}"></p>
<p class="note">Currently ${origin}.</p>
<p><button type="submit">Save</button></p>
</form>
<h2>Multi-factor sign-in</h2>${v.mfaSaved ? html`<p role="status" class="note">Saved. It applies at once, to sessions already open too.</p>` : ''}
<form method="post" action="/admin/settings/mfa">${csrfInput()}
<fieldset><legend>Require multi-factor sign-in (an authenticator app code after the password) for admin and manager</legend>
<p><label><input type="radio" name="required" value="on"${v.mfaRequired ? html` checked` : ''}> Required: an admin or manager who has not set it up is sent to set it up after the password, and reaches nothing else until done</label></p>
<p><label><input type="radio" name="required" value="off"${v.mfaRequired ? '' : html` checked`}> Not required (board members and others may still turn it on for themselves)</label></p>
</fieldset>
<p class="note">Currently ${v.mfaRequired ? 'required' : 'not required'}. Anyone can set it up under <a href="/account/mfa">/account/mfa</a>.</p>
<p><button type="submit">Save</button></p>
</form>`,
    { active: '/admin/settings' },
  );
}
