-- A turn continued in process (V3) commits while its instance may be row-locked by another
-- session: a hung process or a forgotten transaction holding the row, which the queues' fetches
-- skip. Its commit must not wait for that session either: waiting held an orchestration slot and
-- the commit lane it shared with other calls, so one foreign row lock wedged the engine. This
-- function takes the row without waiting, or writes nothing and answers as for a lost lock; the
-- runtime then sends the turn's activity result through the queue, to be fetched once the row is
-- free.
CREATE FUNCTION ${schema}.ack_continued_turn(p_instance_id TEXT, p_lock_token UUID,
    p_commit JSONB, p_work_id BIGINT, p_work_token UUID, p_keep_ms BIGINT, p_claim_token UUID,
    p_claim_max INTEGER, p_claim_ms BIGINT)
RETURNS TABLE (committed_at TIMESTAMPTZ, lock_kept BOOLEAN, claimed_ids BIGINT[],
    claimed_task_ids INTEGER[])
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM ${schema}.instances i WHERE i.instance_id = p_instance_id
     FOR UPDATE SKIP LOCKED;
  IF NOT FOUND THEN
    RETURN QUERY SELECT NULL::TIMESTAMPTZ, false, NULL::BIGINT[], NULL::INTEGER[];
    RETURN;
  END IF;
  RETURN QUERY SELECT * FROM ${schema}.ack_orchestration_turn(p_instance_id, p_lock_token,
      p_commit, p_work_id, p_work_token, p_keep_ms, p_claim_token, p_claim_max, p_claim_ms);
END $$;
