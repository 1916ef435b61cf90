"""Use-cases: one transaction each, validation, domain errors, audit. No Qt here."""
