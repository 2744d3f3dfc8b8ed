-- The turn's commit without the work it does not need: the consumed messages are deleted by
-- their primary keys (V1 matched them with IN over a set-returning function, which PostgreSQL
-- plans as a sequential scan of the whole queue, dead rows included, on every turn), and the
-- statements for a turn's new activities, children and messages run only when it has some.
-- The function's contract is unchanged.

-- Commits one turn if p_lock_token still holds the instance; returns the commit time, or NULL
-- (nothing written) when the lock was lost.
CREATE OR REPLACE FUNCTION ${schema}.ack_orchestration_item(p_instance_id TEXT, p_lock_token UUID,
    p_commit JSONB)
RETURNS TIMESTAMPTZ
LANGUAGE plpgsql AS $$
DECLARE
  v_now TIMESTAMPTZ := now();
  v_new JSONB := NULLIF(p_commit->'newExecution', 'null'::JSONB);
  v_consumed BIGINT[] := ARRAY(SELECT jsonb_array_elements_text(p_commit->'consumedMessageIds')::BIGINT);
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
     WHERE q.id = ANY (v_consumed) AND q.lock_token = p_lock_token;
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

  IF jsonb_array_length(p_commit->'workItems') > 0 THEN
  INSERT INTO ${schema}.worker_queue
      (instance_id, execution_id, task_id, activity_name, payload, enqueued_at, visible_at)
  SELECT p_instance_id, w."executionId", w."taskId", w."activityName", w.payload, v_now, v_now
    FROM jsonb_to_recordset(p_commit->'workItems')
         AS w("executionId" BIGINT, "taskId" INTEGER, "activityName" TEXT, payload TEXT);
  END IF;

  IF jsonb_array_length(p_commit->'instances') > 0 THEN
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
  END IF;

  IF jsonb_array_length(p_commit->'messages') > 0 THEN
  INSERT INTO ${schema}.orchestrator_queue
      (instance_id, execution_id, kind, payload, enqueued_at, visible_at)
  SELECT m."instanceId", m."executionId", m.kind, m.payload, v_now,
         COALESCE(TIMESTAMPTZ 'epoch' + m."visibleAtMicros" * INTERVAL '1 microsecond', v_now)
    FROM jsonb_to_recordset(p_commit->'messages') AS m("instanceId" TEXT, "executionId" BIGINT,
         kind TEXT, payload TEXT, "visibleAtMicros" BIGINT)
   WHERE EXISTS (SELECT 1 FROM ${schema}.instances i WHERE i.instance_id = m."instanceId");
  END IF;

  RETURN v_now;
END $$;
