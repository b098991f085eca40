/**
 * The pages of multi-factor sign-in: the second step of a sign-in (a code or a recovery code),
 * enrolment (the QR code drawn here as inline SVG from the matrix `qrcode` computes, through the
 * escaping template, which the Content-Security-Policy allows without change; and the secret as
 * text), the recovery codes shown once, and the account's MFA state.
 * Every value is escaped by the `html` template; every form carries its CSRF field.
 */
import { create as qrCreate } from 'qrcode';
import { presentInstant } from '../../dashboards/present/index.ts';
import { csrfInput, html, type SafeHtml } from './html.ts';
import { layout } from './layout.ts';
import { csrfFieldWith } from './signin.ts';

const QUIET = 2; // modules of white margin around the code

/** The QR code of an otpauth:// URI as inline SVG: one path, a unit square per dark module. */
export function qrCodeSvg(uri: string): SafeHtml {
  const { size, data } = qrCreate(uri, { errorCorrectionLevel: 'M' }).modules;
  const cells: string[] = [];
  for (let y = 0; y < size; y += 1) for (let x = 0; x < size; x += 1) if (data[y * size + x]) cells.push(`M${x + QUIET} ${y + QUIET}h1v1h-1z`);
  const side = size + 2 * QUIET;
  return html`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges" aria-hidden="true"><rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${cells.join('')}"/></svg>`;
}

const alert = (messages: readonly string[] | undefined) =>
  messages?.length ? html`<div class="errors" role="alert">${messages.map((m) => html`<p>${m}</p>`)}</div>` : '';

/** The second step of a sign-in; before any session, so its CSRF token is the anonymous one, passed in. */
export function secondStepPage(v: { csrf: string; message?: string }): string {
  return layout(
    'Sign in: code',
    html`<h1>Sign in: second step</h1>${alert(v.message ? [v.message] : undefined)}
<p>Enter the 6-digit code your authenticator app shows for PracticeBoard, or one of your recovery codes.</p>
<form method="post" action="/signin/mfa" class="signin">${csrfFieldWith(v.csrf)}
<p><label for="code">Code</label><br><input id="code" name="code" autocomplete="one-time-code" inputmode="text" required maxlength="32" autofocus></p>
<p><button type="submit">Continue</button></p>
</form>
<p class="note">The code is asked for within 5 minutes of the password. <a href="/signin">Start again</a></p>`,
  );
}

export interface EnrolView {
  readonly qr: SafeHtml;
  readonly secret: string;
  readonly required: boolean;
  readonly errors?: readonly string[];
}

export function enrolPage(v: EnrolView): string {
  const why = v.required ? html`<p role="status">This practice requires multi-factor sign-in for your role. Set it up before you go on.</p>` : '';
  return layout(
    'Multi-factor sign-in',
    html`<h1>Set up multi-factor sign-in</h1>${why}${alert(v.errors)}
<ol>
<li>Open an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, 1Password) and scan this code:
<div class="qr" role="img" aria-label="QR code of your PracticeBoard sign-in secret" style="width:220px;height:220px;margin:.6rem 0">${v.qr}</div></li>
<li>Or type this secret into the app by hand (time-based, 6 digits, 30 seconds): <code style="font-size:1.1rem">${v.secret}</code></li>
<li>Enter the code the app shows now:</li>
</ol>
<form method="post" action="/account/mfa">${csrfInput()}
<p><label for="code">Code</label><br><input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9 ]{6,7}" required maxlength="7"></p>
<p><button type="submit">Turn on</button></p>
</form>
<p class="note">Keep the secret to yourself: anyone who has it can make your codes.</p>`,
    { active: '/account/mfa' },
  );
}

/** The recovery codes, shown once, right after enrolment. */
export function recoveryCodesPage(codes: readonly string[]): string {
  return layout(
    'Recovery codes',
    html`<h1>Multi-factor sign-in is on</h1>
<p>These are your recovery codes. Each works once, in place of a code from the app, if you lose your phone.</p>
<ul class="codes" style="font-family:monospace;font-size:1.15rem;columns:2;max-width:24rem">${codes.map((c) => html`<li>${c}</li>`)}</ul>
<p><strong>They are shown only this once.</strong> Print them or keep them in a password manager, not on the phone itself.</p>
<p><a href="/">Continue</a></p>`,
  );
}

/** `timezone`: the practice's IANA zone; the time is shown in it, labelled. */
export function mfaStatusPage(v: { confirmedAt: Date | null; codesLeft: number }, timezone: string): string {
  const since = v.confirmedAt ? html` since ${presentInstant(v.confirmedAt, timezone)}` : '';
  return layout(
    'Multi-factor sign-in',
    html`<h1>Multi-factor sign-in</h1>
<p role="status">Multi-factor sign-in is on for your account${since}.</p>
<p>Recovery codes left: ${v.codesLeft} of 10.</p>
<p class="note">Lost your phone or used up your recovery codes? Ask an admin to reset your multi-factor sign-in (Admin &gt; Users); you then set it up again here.</p>`,
    { active: '/account/mfa' },
  );
}
