-- 015: the fingerprint of the patient-hash key the warehouse's patient keys were made with
-- (an HMAC of a fixed text, never the key): a missing or different key stops loads and starts
-- instead of silently re-keying every patient.
CREATE TABLE etl_key (
  fingerprint VARCHAR NOT NULL,
  recorded_at TIMESTAMP NOT NULL
);
