-- Schema 9: a paid weekly invoice is a payment.
--
-- Billing calls a week's invoice paid from the Wednesday its funds become
-- available (DESIGN.md section 2, weekly billing), and Payments lists it
-- from that moment, read from the Work Diary and the clock like Billing.
-- It gets a row here only when a refund needs one to point at: week is
-- then the invoice's week (its Monday 00:00), one row per week at most;
-- NULL for a payment recorded on its own (contractsctl payment add).
ALTER TABLE payments ADD COLUMN week INTEGER;
CREATE UNIQUE INDEX payments_week ON payments(contract_id, week) WHERE week IS NOT NULL;
