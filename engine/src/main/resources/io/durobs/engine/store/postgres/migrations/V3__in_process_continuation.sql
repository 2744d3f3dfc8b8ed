-- One function commits every turn, with what V2's ack_orchestration_item did and three things
-- more, so that a step of a sequence of activities costs one transaction where the queues took
-- three (the worker's ack enqueueing the result, the fetch of the instance, the turn's ack):
--  * the worker items a turn schedules can be inserted already locked for the process that
--    commits it (its idle worker slots start them at once), instead of inserted and then locked
--    by a second statement;
--  * the turn can keep its instance locked, with the same token, while no message waits for it:
--    its next turn is then due only from the activity that process runs, whose result it hands
--    to that turn in process;
--  * that next turn deletes the worker item whose result it consumed in process.
-- ack_orchestration_item keeps its contract, as a call of the new function.

-- Commits one turn if p_lock_token still holds the instance, and:
--  * deletes worker item p_work_id when its worker still holds it with p_work_token (a lost
--    worker lock leaves the item; its later result is dropped by the runtime as a duplicate);
--  * with p_keep_ms not NULL, keeps the instance locked for p_keep_ms more when no message at all
--    waits for it (visible or not, such as a pending timer) besides those this turn consumed,
--    and the turn neither sends messages nor continues as new; otherwise releases it;
--  * inserts up to p_claim_max of the turn's worker items locked with p_claim_token for
--    p_claim_ms (attempt 1), the others visible to any worker.
-- Returns the commit time, whether the lock was kept, and the ids and task ids of the locked
-- worker items; (NULL, false, NULL, NULL) when the lock was lost (nothing written).
CREATE FUNCTION ${schema}.ack_orchestration_turn(p_instance_id TEXT, p_lock_token UUID,
    p_commit JSONB, p_work_id BIGINT, p_work_token UUID, p_keep_ms BIGINT, p_claim_token UUID,
    p_claim_max INTEGER, p_claim_ms BIGINT)
RETURNS TABLE (committed_at TIMESTAMPTZ, lock_kept BOOLEAN, claimed_ids BIGINT[],
    claimed_task_ids INTEGER[])
LANGUAGE plpgsql AS $$
DECLARE
  v_now TIMESTAMPTZ := now();
  v_new JSONB := NULLIF(p_commit->'newExecution', 'null'::JSONB);
  v_consumed BIGINT[] := ARRAY(SELECT jsonb_array_elements_text(p_commit->'consumedMessageIds')::BIGINT);
  v_keep BOOLEAN := p_keep_ms IS NOT NULL AND v_new IS NULL
      AND p_commit->>'state' = 'running'
      AND jsonb_array_length(p_commit->'messages') = 0
      AND NOT EXISTS (SELECT 1 FROM ${schema}.orchestrator_queue q
                       WHERE q.instance_id = p_instance_id AND q.id <> ALL (v_consumed));
  v_claimed_ids BIGINT[];
  v_claimed_tasks INTEGER[];
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
      lock_token = CASE WHEN v_keep THEN p_lock_token END,
      locked_until = CASE WHEN v_keep THEN v_now + p_keep_ms * INTERVAL '1 millisecond' END
   WHERE i.instance_id = p_instance_id AND i.lock_token = p_lock_token;
  IF NOT FOUND THEN
    RETURN QUERY SELECT NULL::TIMESTAMPTZ, false, NULL::BIGINT[], NULL::INTEGER[];
    RETURN;
  END IF;

  INSERT INTO ${schema}.history (instance_id, execution_id, seq, event_type, payload, created_at)
  SELECT p_instance_id, h."executionId", h.seq, h.type, h.payload, v_now
    FROM jsonb_to_recordset(p_commit->'history')
         AS h("executionId" BIGINT, seq INTEGER, type TEXT, payload TEXT);

  IF (p_commit->>'removePendingWork')::BOOLEAN THEN
    DELETE FROM ${schema}.worker_queue w WHERE w.instance_id = p_instance_id;
    DELETE FROM ${schema}.orchestrator_queue q WHERE q.instance_id = p_instance_id;
  ELSE
    IF p_work_id IS NOT NULL THEN
      DELETE FROM ${schema}.worker_queue w WHERE w.id = p_work_id AND w.lock_token = p_work_token;
    END IF;
    IF cardinality(v_consumed) > 0 THEN
      DELETE FROM ${schema}.orchestrator_queue q
       WHERE q.id = ANY (v_consumed) AND q.lock_token = p_lock_token;
      -- messages that arrived during the turn are unlocked with the instance
      UPDATE ${schema}.orchestrator_queue q SET lock_token = NULL, locked_until = NULL
       WHERE q.instance_id = p_instance_id AND q.lock_token = p_lock_token;
    END IF;
  END IF;

  IF v_new IS NOT NULL THEN
    INSERT INTO ${schema}.orchestrator_queue
        (instance_id, execution_id, kind, payload, enqueued_at, visible_at)
    VALUES (p_instance_id, (v_new->>'executionId')::BIGINT, 'ExecutionStarted',
            v_new->>'startPayload', v_now, v_now);
  END IF;

  IF jsonb_array_length(p_commit->'workItems') > 0 THEN
    WITH ins AS (
      INSERT INTO ${schema}.worker_queue (instance_id, execution_id, task_id, activity_name,
          payload, enqueued_at, visible_at, lock_token, locked_until, attempt_count)
      SELECT p_instance_id, w."executionId", w."taskId", w."activityName", w.payload, v_now,
             v_now, CASE WHEN w.n <= p_claim_max THEN p_claim_token END,
             CASE WHEN w.n <= p_claim_max THEN v_now + p_claim_ms * INTERVAL '1 millisecond' END,
             CASE WHEN w.n <= p_claim_max THEN 1 ELSE 0 END
        FROM ROWS FROM (jsonb_to_recordset(p_commit->'workItems')
             AS ("executionId" BIGINT, "taskId" INTEGER, "activityName" TEXT, payload TEXT))
             WITH ORDINALITY AS w("executionId", "taskId", "activityName", payload, n)
      RETURNING id, task_id, lock_token
    )
    SELECT array_agg(ins.id ORDER BY ins.id), array_agg(ins.task_id ORDER BY ins.id)
      INTO v_claimed_ids, v_claimed_tasks
      FROM ins WHERE ins.lock_token IS NOT NULL;
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

  RETURN QUERY SELECT v_now, v_keep, v_claimed_ids, v_claimed_tasks;
END $$;

-- V2's contract, committed by the function above.
CREATE OR REPLACE FUNCTION ${schema}.ack_orchestration_item(p_instance_id TEXT, p_lock_token UUID,
    p_commit JSONB)
RETURNS TIMESTAMPTZ
LANGUAGE sql AS $$
  SELECT t.committed_at
    FROM ${schema}.ack_orchestration_turn(p_instance_id, p_lock_token, p_commit, NULL, NULL, NULL,
         NULL, 0, NULL) AS t;
$$;
