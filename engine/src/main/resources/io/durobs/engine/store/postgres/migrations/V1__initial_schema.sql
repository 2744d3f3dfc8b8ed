-- The engine's tables, indexes and queue functions. ${schema} is the configured schema (a
-- validated identifier). Timestamps are the database clock (now()), so several engine processes
-- never disagree about visibility or lock expiry.

CREATE TABLE ${schema}.instances (
  instance_id           TEXT PRIMARY KEY,
  orchestration_name    TEXT NOT NULL,
  orchestration_version TEXT NOT NULL,
  execution_id          BIGINT NOT NULL,
  status                TEXT NOT NULL,
  wait_state            TEXT,
  input                 TEXT,
  output                TEXT,
  failure               TEXT,
  initiated_by          TEXT NOT NULL,
  parent_instance_id    TEXT,
  parent_execution_id   BIGINT,
  parent_task_id        INTEGER,
  parent_orchestration  TEXT,
  created_at            TIMESTAMPTZ NOT NULL,
  execution_started_at  TIMESTAMPTZ NOT NULL,
  updated_at            TIMESTAMPTZ NOT NULL,
  completed_at          TIMESTAMPTZ,
  turn_count            INTEGER NOT NULL DEFAULT 0,
  history_length        INTEGER NOT NULL DEFAULT 0,
  lock_token            UUID,
  locked_until          TIMESTAMPTZ
);
-- the active-orchestrations gauge: one GROUP BY over non-terminal rows only
CREATE INDEX instances_waiting_idx ON ${schema}.instances (orchestration_name, wait_state)
  WHERE wait_state IS NOT NULL;

CREATE TABLE ${schema}.history (
  instance_id  TEXT NOT NULL,
  execution_id BIGINT NOT NULL,
  seq          INTEGER NOT NULL,
  event_type   TEXT NOT NULL,
  payload      TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (instance_id, execution_id, seq)
);

CREATE TABLE ${schema}.orchestrator_queue (
  id            BIGSERIAL PRIMARY KEY,
  instance_id   TEXT NOT NULL,
  execution_id  BIGINT,
  kind          TEXT NOT NULL,
  payload       TEXT NOT NULL,
  enqueued_at   TIMESTAMPTZ NOT NULL,
  visible_at    TIMESTAMPTZ NOT NULL,
  lock_token    UUID,
  locked_until  TIMESTAMPTZ,
  attempt_count INTEGER NOT NULL DEFAULT 0
);
-- dequeue order and the depth gauge (visible_at <= now())
CREATE INDEX orchestrator_queue_visible_idx ON ${schema}.orchestrator_queue (visible_at, id);
-- all visible messages of the locked instance; cleanup of a terminal instance
CREATE INDEX orchestrator_queue_instance_idx ON ${schema}.orchestrator_queue (instance_id, visible_at);

CREATE TABLE ${schema}.worker_queue (
  id            BIGSERIAL PRIMARY KEY,
  instance_id   TEXT NOT NULL,
  execution_id  BIGINT NOT NULL,
  task_id       INTEGER NOT NULL,
  activity_name TEXT NOT NULL,
  payload       TEXT NOT NULL,
  enqueued_at   TIMESTAMPTZ NOT NULL,
  visible_at    TIMESTAMPTZ NOT NULL,
  lock_token    UUID,
  locked_until  TIMESTAMPTZ,
  attempt_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX worker_queue_visible_idx ON ${schema}.worker_queue (visible_at, id);
CREATE INDEX worker_queue_instance_idx ON ${schema}.worker_queue (instance_id);

-- Locks one instance with visible messages (oldest message first, skipping instances another
-- dispatcher holds) and returns the instance with all its visible messages: one round-trip.
CREATE FUNCTION ${schema}.fetch_orchestration_item(p_lock_token UUID, p_lock_ms BIGINT)
RETURNS TABLE (
  instance_id TEXT, orchestration_name TEXT, orchestration_version TEXT, execution_id BIGINT,
  status TEXT, wait_state TEXT, input TEXT, output TEXT, failure TEXT, initiated_by TEXT,
  parent_instance_id TEXT, parent_execution_id BIGINT, parent_task_id INTEGER,
  parent_orchestration TEXT, created_at TIMESTAMPTZ, execution_started_at TIMESTAMPTZ,
  updated_at TIMESTAMPTZ, completed_at TIMESTAMPTZ, turn_count INTEGER, history_length INTEGER,
  msg_ids BIGINT[], msg_execution_ids BIGINT[], msg_kinds TEXT[], msg_payloads TEXT[],
  msg_attempts INTEGER[], msg_waits DOUBLE PRECISION[], db_now TIMESTAMPTZ)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_instance TEXT;
  v_until TIMESTAMPTZ := now() + p_lock_ms * INTERVAL '1 millisecond';
  v_ids BIGINT[];
  v_execs BIGINT[];
  v_kinds TEXT[];
  v_payloads TEXT[];
  v_attempts INTEGER[];
  v_waits DOUBLE PRECISION[];
BEGIN
  FOR attempt IN 1..3 LOOP
    SELECT q.instance_id INTO v_instance
      FROM ${schema}.orchestrator_queue q
      JOIN ${schema}.instances i ON i.instance_id = q.instance_id
     WHERE q.visible_at <= now() AND (i.locked_until IS NULL OR i.locked_until <= now())
     ORDER BY q.visible_at, q.id
     LIMIT 1
     FOR UPDATE OF i SKIP LOCKED;
    IF v_instance IS NULL THEN
      RETURN;
    END IF;
    WITH s AS (
      SELECT q.id, GREATEST(q.visible_at, COALESCE(q.locked_until, q.visible_at)) AS since
        FROM ${schema}.orchestrator_queue q
       WHERE q.instance_id = v_instance AND q.visible_at <= now()
    ), m AS (
      UPDATE ${schema}.orchestrator_queue q
         SET lock_token = p_lock_token, locked_until = v_until, attempt_count = q.attempt_count + 1
        FROM s WHERE q.id = s.id
      RETURNING q.id, q.execution_id, q.kind, q.payload, q.attempt_count,
                GREATEST(0, EXTRACT(EPOCH FROM now() - s.since))::DOUBLE PRECISION AS waited
    )
    SELECT array_agg(m.id ORDER BY m.id), array_agg(m.execution_id ORDER BY m.id),
           array_agg(m.kind ORDER BY m.id), array_agg(m.payload ORDER BY m.id),
           array_agg(m.attempt_count ORDER BY m.id), array_agg(m.waited ORDER BY m.id)
      INTO v_ids, v_execs, v_kinds, v_payloads, v_attempts, v_waits
      FROM m;
    IF v_ids IS NOT NULL THEN
      UPDATE ${schema}.instances i SET lock_token = p_lock_token, locked_until = v_until
       WHERE i.instance_id = v_instance;
      RETURN QUERY
        SELECT i.instance_id, i.orchestration_name, i.orchestration_version, i.execution_id,
               i.status, i.wait_state, i.input, i.output, i.failure, i.initiated_by,
               i.parent_instance_id, i.parent_execution_id, i.parent_task_id,
               i.parent_orchestration, i.created_at, i.execution_started_at, i.updated_at,
               i.completed_at, i.turn_count, i.history_length,
               v_ids, v_execs, v_kinds, v_payloads, v_attempts, v_waits, now()
          FROM ${schema}.instances i WHERE i.instance_id = v_instance;
      RETURN;
    END IF;
    -- the candidate's messages were consumed by a commit that raced this fetch: look again
    v_instance := NULL;
  END LOOP;
END $$;

-- Commits one turn if p_lock_token still holds the instance; returns the commit time, or NULL
-- (nothing written) when the lock was lost.
CREATE FUNCTION ${schema}.ack_orchestration_item(p_instance_id TEXT, p_lock_token UUID,
    p_commit JSONB)
RETURNS TIMESTAMPTZ
LANGUAGE plpgsql AS $$
DECLARE
  v_now TIMESTAMPTZ := now();
  v_new JSONB := NULLIF(p_commit->'newExecution', 'null'::JSONB);
BEGIN
  UPDATE ${schema}.instances i SET
      status = p_commit->>'state',
      wait_state = p_commit->>'waitState',
      output = p_commit->>'output',
      failure = p_commit->>'failure',
      turn_count = (p_commit->>'turnCount')::INTEGER,
      history_length = (p_commit->>'historyLength')::INTEGER,
      updated_at = v_now,
      completed_at = CASE WHEN p_commit->>'state' = 'running' THEN NULL ELSE v_now END,
      execution_id = COALESCE((v_new->>'executionId')::BIGINT, i.execution_id),
      input = CASE WHEN v_new IS NULL THEN i.input ELSE v_new->>'input' END,
      initiated_by = CASE WHEN v_new IS NULL THEN i.initiated_by ELSE 'continueAsNew' END,
      execution_started_at = CASE WHEN v_new IS NULL THEN i.execution_started_at ELSE v_now END,
      lock_token = NULL,
      locked_until = NULL
   WHERE i.instance_id = p_instance_id AND i.lock_token = p_lock_token;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;

  INSERT INTO ${schema}.history (instance_id, execution_id, seq, event_type, payload, created_at)
  SELECT p_instance_id, h."executionId", h.seq, h.type, h.payload, v_now
    FROM jsonb_to_recordset(p_commit->'history')
         AS h("executionId" BIGINT, seq INTEGER, type TEXT, payload TEXT);

  IF (p_commit->>'removePendingWork')::BOOLEAN THEN
    DELETE FROM ${schema}.worker_queue w WHERE w.instance_id = p_instance_id;
    DELETE FROM ${schema}.orchestrator_queue q WHERE q.instance_id = p_instance_id;
  ELSE
    DELETE FROM ${schema}.orchestrator_queue q
     WHERE q.id IN (SELECT jsonb_array_elements_text(p_commit->'consumedMessageIds')::BIGINT)
       AND q.lock_token = p_lock_token;
    -- messages that arrived during the turn are unlocked with the instance
    UPDATE ${schema}.orchestrator_queue q SET lock_token = NULL, locked_until = NULL
     WHERE q.instance_id = p_instance_id AND q.lock_token = p_lock_token;
  END IF;

  IF v_new IS NOT NULL THEN
    INSERT INTO ${schema}.orchestrator_queue
        (instance_id, execution_id, kind, payload, enqueued_at, visible_at)
    VALUES (p_instance_id, (v_new->>'executionId')::BIGINT, 'ExecutionStarted',
            v_new->>'startPayload', v_now, v_now);
  END IF;

  INSERT INTO ${schema}.worker_queue
      (instance_id, execution_id, task_id, activity_name, payload, enqueued_at, visible_at)
  SELECT p_instance_id, w."executionId", w."taskId", w."activityName", w.payload, v_now, v_now
    FROM jsonb_to_recordset(p_commit->'workItems')
         AS w("executionId" BIGINT, "taskId" INTEGER, "activityName" TEXT, payload TEXT);

  WITH c AS (
    SELECT * FROM jsonb_to_recordset(p_commit->'instances') AS c(
      "instanceId" TEXT, name TEXT, version TEXT, input TEXT, "initiatedBy" TEXT,
      "parentInstanceId" TEXT, "parentExecutionId" BIGINT, "parentTaskId" INTEGER,
      "parentOrchestration" TEXT, "startPayload" TEXT, "onConflict" JSONB)
  ), ins AS (
    INSERT INTO ${schema}.instances (instance_id, orchestration_name, orchestration_version,
        execution_id, status, wait_state, input, initiated_by, parent_instance_id,
        parent_execution_id, parent_task_id, parent_orchestration, created_at,
        execution_started_at, updated_at)
    SELECT c."instanceId", c.name, c.version, 1, 'running', 'running', c.input, c."initiatedBy",
           c."parentInstanceId", c."parentExecutionId", c."parentTaskId",
           c."parentOrchestration", v_now, v_now, v_now
      FROM c
    ON CONFLICT (instance_id) DO NOTHING
    RETURNING instance_id
  )
  INSERT INTO ${schema}.orchestrator_queue
      (instance_id, execution_id, kind, payload, enqueued_at, visible_at)
  SELECT c."instanceId", 1, 'ExecutionStarted', c."startPayload", v_now, v_now
    FROM c JOIN ins ON ins.instance_id = c."instanceId"
  UNION ALL
  SELECT c."onConflict"->>'instanceId', (c."onConflict"->>'executionId')::BIGINT,
         c."onConflict"->>'kind', c."onConflict"->>'payload', v_now, v_now
    FROM c
   WHERE c."onConflict" IS NOT NULL AND jsonb_typeof(c."onConflict") = 'object'
     AND NOT EXISTS (SELECT 1 FROM ins WHERE ins.instance_id = c."instanceId");

  INSERT INTO ${schema}.orchestrator_queue
      (instance_id, execution_id, kind, payload, enqueued_at, visible_at)
  SELECT m."instanceId", m."executionId", m.kind, m.payload, v_now,
         COALESCE(TIMESTAMPTZ 'epoch' + m."visibleAtMicros" * INTERVAL '1 microsecond', v_now)
    FROM jsonb_to_recordset(p_commit->'messages') AS m("instanceId" TEXT, "executionId" BIGINT,
         kind TEXT, payload TEXT, "visibleAtMicros" BIGINT)
   WHERE EXISTS (SELECT 1 FROM ${schema}.instances i WHERE i.instance_id = m."instanceId");

  RETURN v_now;
END $$;
