-- 004: month-end board packs. The manager's commentary per pack section, the approved
-- (locked) packs with their numbers as presented and the PDF as delivered, and the
-- restatements found when a later load changes a number an approved pack presented.

-- Commentary of a month's pack, one text per section (a dashboard id, e.g. 'financial').
CREATE TABLE report_commentary (
  month       VARCHAR NOT NULL,            -- YYYY-MM
  section_id  VARCHAR NOT NULL,
  body        VARCHAR NOT NULL,
  author      VARCHAR NOT NULL,
  updated_at  TIMESTAMP NOT NULL,
  PRIMARY KEY (month, section_id)
);

-- An approved pack. A month approved once is locked: a later approval is a new version,
-- never an update. model_json is the PackModel exactly as presented; commentary_json the
-- commentary it was approved with; pdf the bytes delivered, pdf_sha256 their hash.
CREATE TABLE report_pack (
  month            VARCHAR NOT NULL,
  version          INTEGER NOT NULL,
  status           VARCHAR NOT NULL CHECK (status = 'approved'),
  approved_at      TIMESTAMP NOT NULL,
  approved_by      VARCHAR NOT NULL,
  page_size        VARCHAR NOT NULL,        -- letter | a4: the size of the stored PDF
  model_json       VARCHAR NOT NULL,
  commentary_json  VARCHAR NOT NULL,
  pdf              BLOB NOT NULL,
  pdf_sha256       VARCHAR NOT NULL,
  -- etl_run rows when the pack was last compared with the warehouse: no new load, no new check.
  checked_runs_n   BIGINT NOT NULL,
  PRIMARY KEY (month, version)
);

-- A presented number of an approved pack that the warehouse now gives differently.
CREATE TABLE report_restatement (
  month        VARCHAR NOT NULL,            -- the approved pack's month
  version      INTEGER NOT NULL,            -- its version
  item_key     VARCHAR NOT NULL,            -- page/tile/metric or page/section/row/column
  label        VARCHAR NOT NULL,
  old_text     VARCHAR NOT NULL,
  new_text     VARCHAR NOT NULL,
  detected_at  TIMESTAMP NOT NULL,
  PRIMARY KEY (month, version, item_key, old_text, new_text)
);
