-- Full-text search over complaints: reference, party names and the complaint's text. Its rowid is
-- the case row's rowid, so a case is re-indexed by rowid without scanning. Maintained by
-- domain/cases/search-index.ts inside the transaction that changes the case.
CREATE VIRTUAL TABLE case_search USING fts5(reference, parties, body, tokenize = 'porter unicode61 remove_diacritics 2');
