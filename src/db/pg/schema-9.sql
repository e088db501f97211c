-- Schema 9 on PostgreSQL (src/db/schema-9.sql): a paid weekly invoice
-- is a payment.  week is the invoice's week (its Monday 00:00 UTC) when a
-- refund needed a row for it, one row per contract and week at most;
-- NULL for a payment recorded on its own (contractsctl payment add).
--
-- Run by the engine as one string (PQexec) inside the transaction it
-- opens for the migration: no BEGIN or COMMIT here.
ALTER TABLE payments ADD COLUMN week bigint;
CREATE UNIQUE INDEX payments_week ON payments(contract_id, week) WHERE week IS NOT NULL;

UPDATE schema_version SET version = 9;
