/**
 * The user-management pages: the list with its forms (create, change role, disable, enable or
 * unlock, reset password, reset multi-factor sign-in) and the page that shows a new password once. Every value is escaped
 * by the `html` template; every form carries its CSRF field. Times in the practice's zone, said
 * once above the table.
 */
import { presentInstant, timesLabel } from '../../dashboards/present/index.ts';
import { ROLES } from '../auth/roles.ts';
import type { User } from '../auth/users.ts';
import { csrfInput, html, type SafeHtml } from './html.ts';
import { layout, scrollTable } from './layout.ts';

const selected = (yes: boolean) => (yes ? html` selected` : '');

function roleOptions(current?: string): SafeHtml[] {
  return ROLES.map((r) => html`<option value="${r}"${selected(r === current)}>${r}</option>`);
}

function actions(u: User, now: Date, self: boolean, mfa: boolean): SafeHtml {
  if (self) return html`<span class="note">your own account</span>`;
  const form = (path: string, inner: SafeHtml) => html`<form method="post" action="/admin/users/${u.userId}/${path}" class="inline">${csrfInput()}${inner}</form>`;
  const locked = u.lockedUntil && u.lockedUntil > now;
  const parts = [
    form('role', html`<select name="role" aria-label="Role">${roleOptions(u.role)}</select> <button type="submit">Change role</button>`),
    u.disabled ? form('enable', html`<button type="submit">Enable</button>`) : form('disable', html`<button type="submit">Disable</button>`),
    !u.disabled && locked ? form('enable', html`<button type="submit">Unlock</button>`) : null,
    form('password', html`<button type="submit">Reset password</button>`),
    mfa ? form('mfa/reset', html`<button type="submit">Reset multi-factor sign-in</button>`) : null,
  ].filter((x): x is SafeHtml => x !== null);
  return html`${parts.map((p, i) => html`${i ? ' ' : ''}${p}`)}`;
}

/** `mfaEnrolled`: the ids of the users with multi-factor sign-in on; `timezone`: the practice's IANA zone, in which the table's times are shown. */
export function usersPage(users: readonly User[], opts: { now: Date; timezone: string; selfId: string; mfaEnrolled?: ReadonlySet<string>; errors?: readonly string[] }): string {
  const fmt = (d: Date) => presentInstant(d, opts.timezone, { zone: false });
  const errors = opts.errors?.length ? html`<div class="errors" role="alert"><ul>${opts.errors.map((x) => html`<li>${x}</li>`)}</ul></div>` : '';
  const rows = users.map((u) => {
    const mfa = opts.mfaEnrolled?.has(u.userId) ?? false;
    const state = u.disabled ? 'disabled' : u.lockedUntil && u.lockedUntil > opts.now ? `locked until ${fmt(u.lockedUntil)}` : 'active';
    return html`<tr><td>${u.username}</td><td>${u.displayName}</td><td>${u.role}</td><td>${state}</td><td class="num">${u.failedAttempts}</td><td>${mfa ? 'on' : 'off'}</td><td>${fmt(u.createdAt)}</td><td>${actions(u, opts.now, u.userId === opts.selfId, mfa)}</td></tr>`;
  });
  const body = html`<h1>Users</h1>${errors}
<style>form.inline{display:inline-block;margin:0 .3rem .2rem 0}</style>
${scrollTable('Users', html`<table><caption>${users.length} users. ${timesLabel(opts.timezone)}.</caption><thead><tr><th>Username</th><th>Name</th><th>Role</th><th>State</th><th class="num">Failed attempts</th><th>Multi-factor</th><th>Created</th><th>Actions</th></tr></thead><tbody>${rows}</tbody></table>`)}
<h2>Add a user</h2>
<form method="post" action="/admin/users">${csrfInput()}
<p><label for="nu">Username</label><br><input id="nu" name="username" required maxlength="64" pattern="[A-Za-z0-9._\\-]{2,64}" autocomplete="off"></p>
<p><label for="nd">Name</label><br><input id="nd" name="displayName" required maxlength="100" autocomplete="off"></p>
<p><label for="nr">Role</label><br><select name="role" id="nr">${roleOptions('board')}</select></p>
<p><button type="submit">Add user</button></p>
<p class="note">A random password is shown once on the next page. Give it to the person in person or by phone.</p>
</form>
<p><a href="/audit">Audit log</a></p>`;
  return layout('Users', body, { active: '/admin/users' });
}

export function passwordOncePage(u: { username: string }, password: string, what: 'created' | 'reset'): string {
  const title = what === 'created' ? 'User added' : 'Password reset';
  return layout(
    title,
    html`<h1>${title}</h1>
<p>The password of <strong>${u.username}</strong> is:</p>
<p><code style="font-size:1.3rem">${password}</code></p>
<p class="note">It is shown only this once and is not stored in clear anywhere. Copy it now.</p>
<p><a href="/admin/users">Back to users</a></p>`,
  );
}
