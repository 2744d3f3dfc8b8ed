-- A turn's new history events are stored as one row, not one row each: a step of a sequence of
-- activities appends three events (the turn's start, the activity's result, the next activity),
-- and each row costs a heap tuple, a primary-key index entry and their WAL, which made the
-- history most of what an orchestration writes (18 rows per no-op orchestration of 5
-- activities; about 2.7 KB of heap and 1.2 KB of index in a sample of the tables' statistics)
-- and had it outgrow the shared buffers within minutes.
-- Such a row has event_type 'Events', the first event's seq, and as payload the JSON array of
-- the events' JSON (each carrying its type), in order; the following events have the next seqs.
-- Rows of one event, as every row written before this version, stay as they were. Nothing is
-- rewritten: the engine reads both.
--
-- Engines of version 4 read the history table directly and cannot read such a row. A schema
-- migrated from an earlier version may still be served by some (a rolling upgrade), so its
-- engines keep writing a row per event until the operator, once the last engine of an earlier
-- version has stopped, sets history_format.row_per_turn (each engine reads it when it starts).
-- A schema created at this version or later never had such engines: it writes a row per turn
-- from the start. Fresh is told by schema_version: the migrations of one run share a
-- transaction, so a fresh schema's earlier versions were all applied at now().
CREATE TABLE ${schema}.history_format (
  singleton    BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
  row_per_turn BOOLEAN NOT NULL
);
INSERT INTO ${schema}.history_format (row_per_turn)
SELECT NOT EXISTS (SELECT 1 FROM ${schema}.schema_version WHERE applied_at < now());

-- One row per event, whichever way it is stored: for people and tools that read the history.
-- json, not jsonb: each event's text is returned exactly as it was written.
CREATE VIEW ${schema}.history_events AS
SELECT h.instance_id, h.execution_id, h.seq, h.event_type, h.payload, h.created_at
  FROM ${schema}.history h
 WHERE h.event_type <> 'Events'
UNION ALL
SELECT h.instance_id, h.execution_id, h.seq + (e.n - 1)::INTEGER, e.event->>'type',
       e.event::TEXT, h.created_at
  FROM ${schema}.history h,
       json_array_elements(h.payload::JSON) WITH ORDINALITY AS e(event, n)
 WHERE h.event_type = 'Events';

-- The engine reads the history through the view, and the format, from now on: every role that
-- could read the history table can read both (the least-privilege grant, ON ALL TABLES, was
-- given before they existed).
DO $$
DECLARE
  r RECORD;
BEGIN
  FOR r IN
    SELECT DISTINCT a.grantee
      FROM pg_class c, aclexplode(c.relacl) a
     WHERE c.oid = '${schema}.history'::regclass AND a.privilege_type = 'SELECT'
       AND a.grantee <> c.relowner
  LOOP
    EXECUTE format('GRANT SELECT ON %I.history_events, %I.history_format TO %s', '${schema}',
        '${schema}', CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE r.grantee::regrole::TEXT END);
  END LOOP;
END $$;
