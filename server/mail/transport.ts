/**
 * The nodemailer SMTP transport for the configured server. "starttls" refuses to send unless
 * the server upgrades the connection; "tls" speaks TLS from the first byte; "none" never
 * upgrades (allowed with a password only on loopback, see config.ts). Certificates are verified.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { SmtpConfig } from './config.ts';

export function smtpTransport(s: SmtpConfig): Transporter {
  return nodemailer.createTransport({
    host: s.host,
    port: s.port,
    secure: s.security === 'tls',
    requireTLS: s.security === 'starttls',
    ignoreTLS: s.security === 'none',
    ...(s.user && s.password ? { auth: { user: s.user, pass: s.password } } : {}),
    connectionTimeout: s.timeoutMs,
    greetingTimeout: s.timeoutMs,
    socketTimeout: s.timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
