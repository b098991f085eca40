-- 060: the audit chain is keyed (HMAC-SHA256 under data/audit.key, kept outside this file) from
-- the entry `keyed_from` on; entries before it were chained by plain SHA-256 and are bound by
-- the first keyed entry, whose MAC covers their last hash (server/audit/log.ts). NULL until the
-- first start with a key re-keys the chain. Verification never trusts this column: it finds
-- the first `audit.chain_keyed` entry itself (server/audit/verify.ts).
ALTER TABLE audit_head ADD COLUMN keyed_from BIGINT;
