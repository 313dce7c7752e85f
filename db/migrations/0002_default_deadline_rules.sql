-- The default rule catalogue. Admins may edit these; a deadline copies its rule's terms when it
-- starts, so an edit never moves a deadline already running.
INSERT INTO deadline_rules (id, name, description, length, unit, count, calendar, roll, party_facing, updated_at) VALUES
  ('case-to-answer', 'Case-to-answer determination', 'Decide whether there is a case to answer: 45 calendar days after the acceptance date, rolled to the next working day.', 45, 'calendar', 'after', 'england-and-wales', 'next-working-day', 0, '2026-11-22T00:00:00.000Z'),
  ('information-response', 'Response to an information request', 'The complainant answers an information request: 10 working days after the request is sent.', 10, 'working', 'after', 'england-and-wales', 'none', 1, '2026-11-22T00:00:00.000Z'),
  ('respondent-representations', 'Respondent''s representations', 'The respondent makes representations: 20 working days after the complaint is served.', 20, 'working', 'after', 'england-and-wales', 'none', 1, '2026-11-22T00:00:00.000Z'),
  ('amicus-window', 'Amicus window', 'Third parties apply for leave to file a brief: 21 calendar days after the case is published on the register.', 21, 'calendar', 'after', 'england-and-wales', 'none', 0, '2026-11-22T00:00:00.000Z'),
  ('non-confidential-version', 'Non-confidential version of a confidential document', 'The filer provides a non-confidential version: 7 calendar days after filing.', 7, 'calendar', 'after', 'england-and-wales', 'none', 1, '2026-11-22T00:00:00.000Z');
