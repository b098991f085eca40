/**
 * The tamper-evident audit log: `audit` appends an entry, `auditRequests` records page views,
 * downloads and state-changing requests of signed-in users, `verifyAuditChain` finds edited or
 * deleted entries (the chain is keyed by HMAC under data/audit.key, key.ts), `searchAudit` serves the admin page and its CSV export.
 */
export { audit, AUDIT_ACTIONS, ensureChainKeyed, entryHash, entryMac, GENESIS_HASH, KEYED_ACTION, type AuditAction, type AuditEntry, type AuditInput, type AuditOutcome, type DetailValue } from './log.ts';
export { auditRequests, type AuditRequests, type AuditRequestsOptions, type ErrorLogger } from './requests.ts';
export { auditHead, exportedHead, parseExportedHead, verifyAuditChain, type AuditAnchor, type AuditHead, type ChainProblem, type ChainReport } from './verify.ts';
export { auditKey, auditKeyFingerprint, useAuditKey } from './key.ts';
export { openAuditChain } from './startup.ts';
export { AuditQuery, auditTable, searchAudit, type AuditRow } from './search.ts';
export { canonicalJson, type Json } from './canonical.ts';
