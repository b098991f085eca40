-- 040: the practice's own settings, set by an admin in the product (Admin > Settings), one row
-- per setting. The first is the practice's name on board packs and emails; no default row: an
-- unset name falls back to the configuration (the demo's name only while the demo is on).
CREATE TABLE practice_setting (
  setting_key VARCHAR PRIMARY KEY,
  setting_value VARCHAR NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  updated_by VARCHAR NOT NULL       -- app_user.user_id of the admin who set it
);
