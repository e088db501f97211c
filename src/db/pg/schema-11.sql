-- placeholder until the twin lands
UPDATE schema_version SET version = 11;
