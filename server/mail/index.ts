/**
 * The mailer's public surface, for the server's wiring (see each module for its guarantees).
 */
export { MAIL_DEFAULTS, MailConfigSchema, mailConfigFromEnv, type MailConfig, type SmtpConfig } from './config.ts';
export { renderEmailBody, type ChartSvg, type EmailBody, type HeadlineRow, type Headlines, type InlineImage } from './emailBody.ts';
export { MailError, toMailError } from './errors.ts';
export { headlineRow, reportFromPack, reportFromPage, type PageReport, type ReportOptions } from './fromPage.ts';
export { DuckDbMailLog, type MailLog, type MailLogEntry } from './mailLog.ts';
export { createMailer, type Mailer, type MailerOptions, type ReportAttachment, type ReportMessage, type SendResult } from './mailer.ts';
export { svgToPng, type PngImage, type SvgToPngOptions } from './svgToPng.ts';
