-- A turn's new history events are stored as one row, not one row each: a step of a sequence of
-- activities appends three events (the turn's start, the activity's result, the next activity),
-- and each row costs a heap tuple, a primary-key index entry and their WAL, which made the
-- history most of what an orchestration writes (16 rows, 2.7 KB of heap and 1.2 KB of index
-- per no-op orchestration of 5 activities) and had it outgrow the shared buffers within minutes.
-- Such a row has event_type 'Events', the first event's seq, and as payload the JSON array of
-- the events' JSON (each carrying its type), in order; the following events have the next seqs.
-- Rows of one event, as every row written before this version, stay as they were. Nothing is
-- rewritten: the engine reads both.

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

-- The engine reads the history through the view from now on: every role that could read the
-- history table can read the view (the least-privilege grant, ON ALL TABLES, was given before
-- the view existed).
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
    EXECUTE format('GRANT SELECT ON %I.history_events TO %s', '${schema}',
        CASE WHEN r.grantee = 0 THEN 'PUBLIC' ELSE r.grantee::regrole::TEXT END);
  END LOOP;
END $$;
