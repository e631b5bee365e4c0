-- A case's personal data is sealed and stored once (issue 6, speed and privacy).
-- Before: the applicant and the form were sealed into hall_case (two values) and the whole
-- request body was sealed a third time into its outbox row, so every submission kept two
-- ciphertexts of the same ID number until delivery. Now hall_case.personal_enc holds
-- {"applicant":…,"form":…} sealed once; the outbox row of a case keeps only the body's
-- non-personal fields (payload, plain JSON) and the drainer joins the two when it sends.
-- Ratings carry no personal data: their body is plain JSON in payload.
-- The platform's case number is the case's outbox row's result, read through the view
-- case_platform: a delivery writes its outbox row only, and a case row is not touched again
-- after it is written (until the status refresh records a status, or the purge).
-- Rows written before this migration keep their old columns and are read as they are: an
-- outbox row's payload_enc is still the exact body sent on every try (the platform compares a
-- retried body with the first by key, so a stored body is never rebuilt).
CREATE TABLE hall_case_v7 (
  id                    INTEGER PRIMARY KEY,
  receipt_number        TEXT NOT NULL UNIQUE,
  service_id            TEXT NOT NULL,
  id_index              TEXT NOT NULL,
  personal_enc          BLOB,  -- from 0007: {"applicant":…,"form":…}, sealed
  applicant_enc         BLOB,  -- before 0007
  form_enc              BLOB,  -- before 0007
  created_at            TEXT NOT NULL,
  outbox_id             INTEGER,  -- the outbox row that carries it to the platform
  platform_status       TEXT,     -- the last status the refresh saw (NULL: none yet)
  status_checked_at     TEXT,
  CHECK (personal_enc IS NOT NULL OR (applicant_enc IS NOT NULL AND form_enc IS NOT NULL))
) STRICT;
INSERT INTO hall_case_v7 (id, receipt_number, service_id, id_index, applicant_enc, form_enc,
                          created_at, outbox_id, platform_status, status_checked_at)
  SELECT c.id, c.receipt_number, c.service_id, c.id_index, c.applicant_enc, c.form_enc,
         c.created_at, (SELECT o.id FROM outbox o WHERE o.kind = 'case' AND o.ref_id = c.id),
         c.platform_status, c.status_checked_at
    FROM hall_case c;
DROP TABLE hall_case;
ALTER TABLE hall_case_v7 RENAME TO hall_case;
CREATE INDEX hall_case_by_resident ON hall_case (id_index, id);

-- A case with what the platform said: its case number once delivered, and its status
-- ('received' from delivery until the refresh sees another).
CREATE VIEW case_platform AS
SELECT c.id, c.receipt_number, c.service_id, c.id_index, c.personal_enc, c.applicant_enc,
       c.form_enc, c.created_at, c.outbox_id, o.state AS outbox_state,
       CASE WHEN o.state = 'delivered' THEN o.result END AS platform_case_number,
       COALESCE(c.platform_status, CASE WHEN o.state = 'delivered' THEN 'received' END)
         AS platform_status,
       c.status_checked_at
  FROM hall_case c LEFT JOIN outbox o ON o.id = c.outbox_id;

-- The body to send when it holds nothing personal (a rating), or a case's non-personal fields.
ALTER TABLE outbox ADD COLUMN payload TEXT;
