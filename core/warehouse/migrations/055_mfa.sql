-- 055: multi-factor sign-in (TOTP, RFC 6238) with single-use recovery codes (server/auth/mfa*.ts).
-- The TOTP secret is stored only sealed with AES-256-GCM under a key kept outside the database
-- (data/practiceboard-mfa.key, 0600), bound to its user; recovery codes only as keyed hashes
-- (HMAC-SHA256 under a key derived from the same file). A copy of the warehouse alone gives
-- neither a working authenticator nor a usable recovery code.
CREATE TABLE mfa_enrolment (
  user_id           VARCHAR PRIMARY KEY,      -- app_user.user_id
  secret_sealed     VARCHAR NOT NULL,         -- v1.<iv>.<tag>.<ciphertext>, base64url
  created_at        TIMESTAMP NOT NULL,
  confirmed_at      TIMESTAMP,                -- NULL while enrolment waits for its first code
  last_step         BIGINT,                   -- the last TOTP time step accepted: a used code is refused
  failed_attempts_n INTEGER NOT NULL DEFAULT 0,  -- consecutive failed second steps
  last_failed_at    TIMESTAMP,
  locked_until      TIMESTAMP                 -- no second step before this instant
);

CREATE TABLE mfa_recovery_code (
  user_id    VARCHAR NOT NULL,
  code_n     INTEGER NOT NULL,                -- 1..10
  code_hmac  VARCHAR NOT NULL,                -- HMAC-SHA256(key, user_id || ':' || code), hex
  used_at    TIMESTAMP,                       -- set when used: each code works once
  PRIMARY KEY (user_id, code_n)
);
