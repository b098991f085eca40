/**
 * The HTML of the user-management pages: the list with its forms (create, change role,
 * disable, enable or unlock, reset password) and the page that shows a new password once.
 * Every value is escaped; every form carries the CSRF field.
 */
import { escapeHtml as e } from '../views/layout.ts';
import { ROLES } from './roles.ts';
import type { User } from './users.ts';

const fmt = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '');

function roleSelect(current?: string): string {
  return `<select name="role" aria-label="Role">${ROLES.map((r) => `<option value="${r}"${r === current ? ' selected' : ''}>${r}</option>`).join('')}</select>`;
}

function actions(u: User, csrf: string, now: Date, self: boolean): string {
  const id = e(u.userId);
  const form = (path: string, inner: string) => `<form method="post" action="/admin/users/${id}/${path}" class="inline">${csrf}${inner}</form>`;
  if (self) return '<span class="note">your own account</span>';
  const locked = u.lockedUntil && u.lockedUntil > now;
  return [
    form('role', `${roleSelect(u.role)} <button type="submit">Change role</button>`),
    u.disabled ? form('enable', '<button type="submit">Enable</button>') : form('disable', '<button type="submit">Disable</button>'),
    !u.disabled && locked ? form('enable', '<button type="submit">Unlock</button>') : '',
    form('password', '<button type="submit">Reset password</button>'),
  ].join(' ');
}

export function usersPage(users: readonly User[], opts: { csrf: string; now: Date; selfId: string; errors?: readonly string[] }): string {
  const errors = opts.errors?.length ? `<div class="errors" role="alert"><ul>${opts.errors.map((x) => `<li>${e(x)}</li>`).join('')}</ul></div>` : '';
  const rows = users
    .map((u) => {
      const state = u.disabled ? 'disabled' : u.lockedUntil && u.lockedUntil > opts.now ? `locked until ${fmt(u.lockedUntil)}` : 'active';
      return `<tr><td>${e(u.username)}</td><td>${e(u.displayName)}</td><td>${e(u.role)}</td><td>${e(state)}</td><td class="num">${u.failedAttempts}</td><td>${e(fmt(u.createdAt))}</td><td>${actions(u, opts.csrf, opts.now, u.userId === opts.selfId)}</td></tr>`;
    })
    .join('');
  return `<h1>Users</h1>${errors}
<style>form.inline{display:inline-block;margin:0 .3rem .2rem 0}</style>
<table><thead><tr><th>Username</th><th>Name</th><th>Role</th><th>State</th><th class="num">Failed attempts</th><th>Created</th><th>Actions</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Add a user</h2>
<form method="post" action="/admin/users">${opts.csrf}
<p><label for="nu">Username</label><br><input id="nu" name="username" required maxlength="64" pattern="[A-Za-z0-9._\\-]{2,64}" autocomplete="off"></p>
<p><label for="nd">Name</label><br><input id="nd" name="displayName" required maxlength="100" autocomplete="off"></p>
<p><label for="nr">Role</label><br>${roleSelect('board').replace('aria-label="Role"', 'id="nr"')}</p>
<p><button type="submit">Add user</button></p>
<p class="note">A random password is shown once on the next page. Give it to the person in person or by phone.</p>
</form>
<p><a href="/audit">Audit log</a></p>`;
}

export function passwordOncePage(u: { username: string }, password: string, what: 'created' | 'reset'): string {
  return `<h1>${what === 'created' ? 'User added' : 'Password reset'}</h1>
<p>The password of <strong>${e(u.username)}</strong> is:</p>
<p><code style="font-size:1.3rem">${e(password)}</code></p>
<p class="note">It is shown only this once and is not stored in clear anywhere. Copy it now.</p>
<p><a href="/admin/users">Back to users</a></p>`;
}
