-- 045: accounts that must set their own password before doing anything else: a new account
-- and an account whose password an admin reset (the admin knew it). Cleared when the user
-- sets one (server/auth/passwordChange.ts).
CREATE TABLE password_change_required (
  user_id VARCHAR PRIMARY KEY,
  since   TIMESTAMP NOT NULL
);
