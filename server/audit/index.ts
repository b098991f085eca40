/**
 * The tamper-evident audit log: `audit` appends an entry, `auditRequests` records page views,
 * downloads and state-changing requests of signed-in users, `verifyAuditChain` finds edited or
 * deleted entries, `searchAudit` serves the admin page and its CSV export.
 */
export { audit, AUDIT_ACTIONS, entryHash, GENESIS_HASH, type AuditAction, type AuditEntry, type AuditInput, type AuditOutcome, type DetailValue } from './log.ts';
export { auditRequests, type AuditRequests, type AuditRequestsOptions, type ErrorLogger } from './requests.ts';
export { auditHead, verifyAuditChain, type ChainProblem, type ChainReport } from './verify.ts';
export { AuditQuery, auditTable, searchAudit, type AuditRow } from './search.ts';
export { canonicalJson, type Json } from './canonical.ts';
