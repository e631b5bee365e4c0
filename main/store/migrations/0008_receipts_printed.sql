-- How many papers of a case's receipt came out of the printer. A paper is marked 补打 only when
-- an earlier one did print: before, every paper after the first attempt said 补打, even when
-- the first never printed (paper out) and the resident's first receipt was the "reprint".
-- Cases from before this migration count as printed once (their old behaviour).
ALTER TABLE hall_case ADD COLUMN receipts_printed INTEGER NOT NULL DEFAULT 0;
UPDATE hall_case SET receipts_printed = 1;

DROP VIEW case_platform;
CREATE VIEW case_platform AS
SELECT c.id, c.receipt_number, c.service_id, c.id_index, c.personal_enc, c.applicant_enc,
       c.form_enc, c.created_at, c.outbox_id, o.state AS outbox_state,
       CASE WHEN o.state = 'delivered' THEN o.result END AS platform_case_number,
       COALESCE(c.platform_status, CASE WHEN o.state = 'delivered' THEN 'received' END)
         AS platform_status,
       c.status_checked_at, c.receipts_printed
  FROM hall_case c LEFT JOIN outbox o ON o.id = c.outbox_id;
