package io.durobs.engine.store.postgres;

import static io.durobs.engine.api.Durations.requirePositive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.durobs.engine.api.OrchestrationState;
import io.durobs.engine.store.Claim;
import io.durobs.engine.store.EnqueueResult;
import io.durobs.engine.store.GaugeSnapshot;
import io.durobs.engine.store.HistoryRow;
import io.durobs.engine.store.InstanceRecord;
import io.durobs.engine.store.LockResult;
import io.durobs.engine.store.NewInstance;
import io.durobs.engine.store.NewWorkItem;
import io.durobs.engine.store.OrchestrationAck;
import io.durobs.engine.store.OrchestrationItem;
import io.durobs.engine.store.OutboundMessage;
import io.durobs.engine.store.QueuedMessage;
import io.durobs.engine.store.Store;
import io.durobs.engine.store.StoreErrorType;
import io.durobs.engine.store.StoreException;
import io.durobs.engine.store.TurnCommit;
import io.durobs.engine.store.WorkAck;
import io.durobs.engine.store.WaitState;
import io.durobs.engine.store.WorkItem;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The PostgreSQL store: the tables, indexes and queue functions of the versioned migrations in
 * {@code migrations/}, reached through a HikariCP pool. Every call is one statement (one
 * round-trip), except the two ack-and-fetch calls (two statements in one query); queues
 * are dequeued with {@code FOR UPDATE SKIP LOCKED}; every value is a bind parameter (the
 * schema name, a validated identifier, is the only text put into SQL).
 */
public final class PostgresStore implements Store {

  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final ObjectMapper JSON = new ObjectMapper();
  /**
   * How much longer than {@code statement_timeout} a read may block before the driver gives up
   * on the connection: the server cancels a statement at its timeout and answers, so only a
   * server that stopped answering at all reaches this.
   */
  private static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(30);

  private final HikariDataSource pool;
  private final String schema;
  private final Sql sql;
  private final Reachability reachability;
  private final GroupCommit commits;
  /**
   * Whether a turn's events are written as one row (V5's history_format, read at start): not
   * while engines of an earlier version, which cannot read such rows, may still share the schema.
   */
  private final boolean rowPerTurn;

  private PostgresStore(Builder b) {
    this.schema = b.schema;
    this.sql = new Sql(schema);
    this.reachability = new Reachability(b.url.target(), System::nanoTime);
    this.pool = openPool(b);
    try {
      if (b.migrate) {
        Migrations.apply(pool, schema);
      } else {
        requireCurrentSchema(b);
      }
      this.rowPerTurn = readRowPerTurn();
    } catch (SQLException e) {
      pool.close();
      throw schemaFailure(b, e);
    } catch (Migrations.MigrationException e) {
      pool.close();
      throw schemaFailure(b, e);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    this.commits = new GroupCommit(pool, reachability, b.commitLanes, schema);
  }

  private static HikariDataSource openPool(Builder b) {
    PoolLogging.quietPerConnectionWarnings();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(b.url.jdbcUrl());
    if (b.url.user() != null) {
      config.setUsername(b.url.user());
    }
    if (b.url.password() != null) {
      config.setPassword(b.url.password());
    }
    config.setMaximumPoolSize(b.maxPoolSize);
    config.setMinimumIdle(Math.min(2, b.maxPoolSize));
    config.setConnectionTimeout(b.connectTimeout.toMillis());
    config.setInitializationFailTimeout(1);
    config.setPoolName("durobs-store-" + b.schema);
    config.setConnectionInitSql("SET lock_timeout = " + b.lockTimeout.toMillis()
        + "; SET statement_timeout = " + b.statementTimeout.toMillis());
    config.addDataSourceProperty("ApplicationName", b.applicationName);

    // connectTimeout bounds only the TCP handshake; a server (or a proxy) that accepts and then
    // never answers would hang the start-up in the login exchange and a running engine in a
    // read: loginTimeout bounds the first, socketTimeout (beyond statement_timeout, which the
    // server enforces itself) the second.
    // (as strings: the pool hands these to the driver as java.util.Properties, whose
    // getProperty ignores any value that is not a String)
    String connectSeconds = String.valueOf(Math.max(1, b.connectTimeout.toSeconds()));
    config.addDataSourceProperty("connectTimeout", connectSeconds);
    config.addDataSourceProperty("loginTimeout", connectSeconds);
    config.addDataSourceProperty("socketTimeout",
        String.valueOf(b.statementTimeout.plus(SOCKET_TIMEOUT_MARGIN).toSeconds()));
    config.addDataSourceProperty("tcpKeepAlive", "true");
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      String state = cause instanceof SQLException s ? s.getSQLState() : null;
      throw new StoreException("cannot connect to PostgreSQL at " + b.url.display() + ": "
          + cause.getMessage(), StoreErrorType.CONNECTION, state, e);
    }
  }

  private boolean readRowPerTurn() throws SQLException {
    try (Connection c = pool.getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT row_per_turn FROM " + schema + ".history_format")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  /**
   * Without migrating, the schema must be exactly at this engine's version: a missing or older
   * schema needs {@code durobs migrate}, a newer one a newer engine.
   */
  private void requireCurrentSchema(Builder b) throws SQLException {
    int version = Migrations.currentVersion(pool, schema);
    if (version == Migrations.LATEST) {
      return;
    }
    String fix = version == 0
        ? "has no schema_version table (never migrated): run 'durobs migrate' first"
        : version < Migrations.LATEST
            ? "is at version " + version + ", older than this engine's " + Migrations.LATEST
                + ": run 'durobs migrate' first"
            : "is at version " + version + ", newer than this engine's " + Migrations.LATEST
                + ": upgrade the engine";
    throw new StoreException("schema " + schema + " at " + b.url.display() + " " + fix
        + " (the store was built with migrate(false))", StoreErrorType.OTHER, null, null);
  }

  private static StoreException schemaFailure(Builder b, Exception e) {
    String what = (b.migrate ? "migrate" : "check") + " schema " + b.schema + " at "
        + b.url.display();
    if (e instanceof SQLException sql) {
      StoreException t = translate(what, sql);
      return new StoreException(Migrations.firstLine(t.getMessage()), t.type(), t.sqlState(), e);
    }
    String state = e.getCause() instanceof SQLException s ? s.getSQLState() : null;
    return new StoreException("cannot " + what + ": " + e.getMessage(), StoreErrorType.OTHER,
        state, e);
  }

  /**
   * Migrates the schema of {@code builder} to the latest version and disconnects: the separate
   * migration step ({@code durobs migrate}) for deployments whose engines run with a login that
   * has no DDL rights ({@link Builder#migrate(boolean) migrate(false)}).
   *
   * @return the versions before and after
   * @throws StoreException naming the missing privilege, or the URL (never its password) when
   *     PostgreSQL cannot be reached
   */
  public static SchemaMigration migrate(Builder builder) {
    Builder b = builder.resolved();
    try (HikariDataSource pool = openPool(b)) {
      int before = Migrations.apply(pool, b.schema);
      return new SchemaMigration(b.schema, before, Migrations.LATEST);
    } catch (SQLException e) {
      throw schemaFailure(b, e);
    } catch (Migrations.MigrationException e) {
      throw schemaFailure(b, e);
    }
  }

  /**
   * The result of {@link #migrate}.
   *
   * @param schema the schema migrated
   * @param fromVersion its version before (0: it had none)
   * @param toVersion its version now (this engine's)
   */
  public record SchemaMigration(String schema, int fromVersion, int toVersion) {

    /** The version from which a turn's events can be stored as one history row. */
    static final int ROW_PER_TURN_VERSION = 5;

    /**
     * Whether this migration left the history written a row per event until the operator
     * switches it ({@code UPDATE <schema>.history_format SET row_per_turn = true}, once no engine
     * of an earlier version runs): the schema came from a version whose engines may still serve
     * it and cannot read a turn's row.
     */
    public boolean historyFormatToSwitch() {
      return fromVersion > 0 && fromVersion < ROW_PER_TURN_VERSION
          && toVersion >= ROW_PER_TURN_VERSION;
    }
  }

  /** A builder; set {@link Builder#jdbcUrl} or {@link Builder#databaseUrl}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The schema this store's tables live in. */
  public String schema() {
    return schema;
  }

  /** The pool, for tools and tests that read the engine's tables directly. */
  public DataSource dataSource() {
    return pool;
  }

  // ---- orchestrator queue ---------------------------------------------------------------

  /**
   * How many times a fetch looks, at most, while the instance it locked had no message left (a
   * commit that raced it consumed them), before it reports nothing to fetch (as
   * fetch_orchestration_item's loop did).
   */
  private static final int FETCH_ATTEMPTS = 3;

  @Override
  public Optional<OrchestrationItem> fetchOrchestrationItem(Duration lockTimeout) {
    return fetch(lockTimeout, FETCH_ATTEMPTS);
  }

  /** A fetch that looks at most {@code attempts} times (at least once). */
  private Optional<OrchestrationItem> fetch(Duration lockTimeout, int attempts) {
    for (int attempt = 1; ; attempt++) {
      UUID token = token();
      Fetch fetch = commits.run(new GroupCommit.Call<>("fetch_orchestration_item",
          sql.fetchOrchestration, List.of(token, lockTimeout.toMillis()),
          r -> orchestrationItem(r.next(), token)));
      if (!fetch.raced() || attempt >= attempts) {
        return fetch.item();
      }
    }
  }

  /**
   * What a fetch found.
   *
   * @param raced whether it locked an instance whose messages a commit that raced it consumed
   *     (it then locked nothing, and may look again)
   */
  private record Fetch(Optional<OrchestrationItem> item, boolean raced) {}

  private static Fetch orchestrationItem(ResultSet rs, UUID token) throws SQLException {
    if (!rs.next()) {
      return new Fetch(Optional.empty(), false);
    }
    if (rs.getString("instance_id") == null) {
      return new Fetch(Optional.empty(), true);
    }
    InstanceRecord instance = instance(rs);
    Long[] ids = longs(rs.getArray("msg_ids"));
    Long[] execs = longs(rs.getArray("msg_execution_ids"));
    String[] kinds = (String[]) rs.getArray("msg_kinds").getArray();
    String[] payloads = (String[]) rs.getArray("msg_payloads").getArray();
    Integer[] attempts = (Integer[]) rs.getArray("msg_attempts").getArray();
    Double[] waits = (Double[]) rs.getArray("msg_waits").getArray();
    List<QueuedMessage> messages = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      messages.add(new QueuedMessage(ids[i], execs[i], kinds[i], payloads[i], attempts[i],
          waits[i]));
    }
    return new Fetch(Optional.of(new OrchestrationItem(instance, token, messages,
        instant(rs, "db_now"))), false);
  }

  @Override
  public List<HistoryRow> readHistory(String instanceId, long executionId) {
    return call("read_history", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.readHistory)) {
        ps.setString(1, instanceId);
        ps.setLong(2, executionId);
        try (ResultSet rs = ps.executeQuery()) {
          List<HistoryRow> rows = new ArrayList<>();
          while (rs.next()) {
            rows.add(new HistoryRow(executionId, rs.getInt(1), rs.getString(2), rs.getString(3)));
          }
          return rows;
        }
      }
    });
  }

  @Override
  public Optional<Instant> ackOrchestrationItem(String instanceId, UUID lockToken,
      TurnCommit commit) {
    return ackOrchestrationItemAndFetch(instanceId, lockToken, commit, null, Claim.NONE)
        .committedAt();
  }

  /**
   * The ack and the next fetch as two statements of one transaction, which the other calls of
   * its {@link GroupCommit} batch share: one commit (one WAL flush) for all of them, where a
   * commit per call made the flushes bound the engine's throughput on a server with default
   * durability.
   */
  @Override
  public OrchestrationAck ackOrchestrationItemAndFetch(String instanceId, UUID lockToken,
      TurnCommit commit, Duration nextLockTimeout, Claim work) {
    boolean reusing = isStep(commit) && !commit.removePendingWork() && work.max() >= 1
        && commit.workItems().size() == 1;
    OrchestrationAck ack = ack(instanceId, lockToken, commit, nextLockTimeout, work, reusing);
    if (reusing && ack.committedAt().isEmpty()) {
      // Sql.ackReusingStep wrote nothing: the instance's lock or the consumed item's is gone
      // (or its row is locked elsewhere); ackStep tells which, and writes what it then should
      OrchestrationAck full = ack(instanceId, lockToken, commit, null, work, false);
      return new OrchestrationAck(full.committedAt(), ack.fetched(), ack.next(), full.work(),
          full.instanceHeld());
    }
    return ack;
  }

  /** The ack, as {@link Sql#ackReusingStep} when {@code reusing}, and the next fetch. */
  private OrchestrationAck ack(String instanceId, UUID lockToken, TurnCommit commit,
      Duration nextLockTimeout, Claim work, boolean reusing) {
    WorkItem consumed = commit.consumedWorkItem();
    UUID claimed = work.max() == 0 ? null : token();
    Long holdMs = work.holdInstance() == null ? null : work.holdInstance().toMillis();
    List<String> statements = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (isStep(commit)) {
      statements.add(reusing ? sql.ackReusingStep
          : commit.removePendingWork() ? sql.ackEndingStep : sql.ackStep);
      parameters.addAll(ownWrites(instanceId, lockToken, commit, holdMs, claimed, work,
          List.of(consumed.id(), consumed.lockToken())));
    } else if (isOwnTurn(commit)) {
      statements.add(sql.ackOwnTurn);
      parameters.addAll(ownWrites(instanceId, lockToken, commit, holdMs, claimed, work,
          // one parameter, an array (List.of would spread it into many)
          Collections.singletonList(commit.consumedMessageIds().toArray(Long[]::new))));
    } else {
      // a turn continued in process never waits for its instance's row (V4)
      statements.add(consumed == null ? sql.ackOrchestration : sql.ackContinuedTurn);
      parameters.addAll(Arrays.asList(instanceId, lockToken, commitJson(commit),
          consumed == null ? null : consumed.id(), consumed == null ? null : consumed.lockToken(),
          holdMs, claimed, work.max(), work.lockTimeout().toMillis()));
    }
    UUID next = nextLockTimeout == null ? null : token();
    if (nextLockTimeout != null) {
      statements.add(sql.fetchOrchestration);
      parameters.addAll(List.of(next, nextLockTimeout.toMillis()));
    }
    boolean[] raced = new boolean[1];
    OrchestrationAck ack = commits.run(new GroupCommit.Call<>("ack_orchestration_item",
        sql.joined(statements), parameters, r -> {
          ResultSet row = r.next();
          Optional<Instant> at = committedAt(row);
          boolean held = row.getBoolean(2);
          List<WorkItem> own = claimedWork(row, instanceId, commit, claimed);
          Optional<OrchestrationItem> fetched = Optional.empty();
          if (nextLockTimeout != null) {
            Fetch fetch = orchestrationItem(r.next(), next);
            fetched = fetch.item();
            raced[0] = fetch.raced();
          }
          return new OrchestrationAck(at, nextLockTimeout != null, fetched, own, held);
        }));
    if (raced[0]) {
      // the fetch of the ack's transaction was the first attempt
      return new OrchestrationAck(ack.committedAt(), true,
          fetch(nextLockTimeout, FETCH_ATTEMPTS - 1), ack.work(), ack.instanceHeld());
    }
    return ack;
  }

  /**
   * Whether {@code commit} is a step ({@link Sql#ackStep}, {@link Sql#ackReusingStep},
   * {@link Sql#ackEndingStep}): a turn continued in process that consumed its activity's result
   * and nothing else, and writes only its own instance's row, history and worker items. Every
   * step of a sequence of activities is one, and its last turn too when it ends the instance
   * without a message to a parent.
   */
  private static boolean isStep(TurnCommit commit) {
    return commit.consumedWorkItem() != null && commit.newExecution() == null
        && commit.consumedMessageIds().isEmpty() && commit.messages().isEmpty()
        && commit.instances().isEmpty();
  }

  /**
   * Whether {@code commit} is a turn fetched from the queue ({@link Sql#ackOwnTurn}) that writes
   * only its own instance's row, history, messages and worker items, and does not end its
   * instance: the first turn of every orchestration that schedules an activity, and any later
   * turn of that kind (a timer, an event, a result that came through the queue).
   */
  private static boolean isOwnTurn(TurnCommit commit) {
    return commit.consumedWorkItem() == null && commit.newExecution() == null
        && commit.messages().isEmpty() && commit.instances().isEmpty()
        && !commit.removePendingWork();
  }

  /**
   * The parameters of the statements of turns that write only their own instance
   * ({@link Sql#ackStep}, {@link Sql#ackEndingStep}, {@link Sql#ackOwnTurn}), in their order:
   * {@code consumed} are the parameters of what the turn consumed (a step: its worker item's id
   * and lock token; a turn from the queue: its messages' ids).
   */
  private List<Object> ownWrites(String instanceId, UUID lockToken, TurnCommit commit,
      Long holdMs, UUID claimed, Claim work, List<?> consumed) {
    List<HistoryRow> history = stored(commit.history());
    List<NewWorkItem> items = commit.workItems();
    // each parameter keeps one type whether NULL or not (the driver binds a bare NULL as text):
    // a change of types makes the driver prepare the statement anew, and planning these
    // statements costs more than running them
    List<Object> parameters = new ArrayList<>(Arrays.asList(instanceId, lockToken,
        commit.state().dbValue(), commit.waitState() == null ? null : commit.waitState().label(),
        commit.output(), commit.failure(), commit.turnCount(), commit.historyLength(),
        holdMs == null ? GroupCommit.NULL_BIGINT : holdMs,
        history.stream().map(HistoryRow::executionId).toArray(Long[]::new),
        history.stream().map(HistoryRow::seq).toArray(Integer[]::new),
        history.stream().map(HistoryRow::type).toArray(String[]::new),
        history.stream().map(HistoryRow::payload).toArray(String[]::new)));
    parameters.addAll(consumed);
    parameters.addAll(Arrays.asList(
        items.stream().map(NewWorkItem::executionId).toArray(Long[]::new),
        items.stream().map(NewWorkItem::taskId).toArray(Integer[]::new),
        items.stream().map(NewWorkItem::activityName).toArray(String[]::new),
        items.stream().map(NewWorkItem::payload).toArray(String[]::new),
        claimed == null ? null : claimed.toString(), work.max(), work.lockTimeout().toMillis()));
    return parameters;
  }

  /** A turn's history rows as this store writes them: {@link #storedRows} or one per event. */
  private List<HistoryRow> stored(List<HistoryRow> events) {
    return rowPerTurn ? storedRows(events) : events;
  }

  /** The event type of a history row that holds several events (V5). */
  static final String EVENTS_ROW = "Events";

  /**
   * A turn's history rows as stored (V5): each run of consecutive events of one execution as one
   * row of type {@value #EVENTS_ROW}, its payload the JSON array of the events' JSON, at the
   * first one's seq; a lone event as its own row. Each event's JSON names its type, so the
   * {@code history_events} view reads the events back as they were.
   */
  static List<HistoryRow> storedRows(List<HistoryRow> events) {
    if (events.size() < 2) {
      return events;
    }
    List<HistoryRow> rows = new ArrayList<>(1);
    int start = 0;
    for (int i = 1; i <= events.size(); i++) {
      if (i < events.size() && events.get(i).executionId() == events.get(start).executionId()
          && events.get(i).seq() == events.get(i - 1).seq() + 1) {
        continue;
      }
      rows.add(i - start == 1 ? events.get(start) : eventsRow(events.subList(start, i)));
      start = i;
    }
    return rows;
  }

  private static HistoryRow eventsRow(List<HistoryRow> run) {
    HistoryRow first = run.get(0);
    return new HistoryRow(first.executionId(), first.seq(), EVENTS_ROW,
        run.stream().map(HistoryRow::payload).collect(Collectors.joining(",", "[", "]")));
  }

  /** The worker items the ack inserted locked for the caller, from their ids and task ids. */
  private static List<WorkItem> claimedWork(ResultSet ack, String instanceId, TurnCommit commit,
      UUID token) throws SQLException {
    java.sql.Array ids = ack.getArray(3);
    if (ids == null) {
      return List.of();
    }
    Long[] id = (Long[]) ids.getArray();
    Integer[] task = (Integer[]) ack.getArray(4).getArray();
    List<WorkItem> items = new ArrayList<>(id.length);
    for (int i = 0; i < id.length; i++) {
      for (NewWorkItem w : commit.workItems()) {
        if (w.taskId() == task[i]) {
          items.add(new WorkItem(id[i], token, instanceId, w.executionId(), w.taskId(),
              w.activityName(), w.payload(), 1, 0));
          break;
        }
      }
    }
    return items;
  }

  private static Optional<Instant> committedAt(ResultSet rs) throws SQLException {
    rs.next();
    return Optional.ofNullable(instant(rs, 1));
  }

  @Override
  public void abandonOrchestrationItem(String instanceId, UUID lockToken, Duration delay,
      boolean countAttempt) {
    call("abandon_orchestration_item", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.abandonOrchestration)) {
        ps.setString(1, instanceId);
        ps.setObject(2, lockToken);
        ps.setLong(3, delay.toMillis());
        ps.setInt(4, countAttempt ? 0 : 1);
        ps.setString(5, instanceId);
        ps.setObject(6, lockToken);
        ps.executeUpdate();
        return null;
      }
    });
  }

  @Override
  public boolean renewOrchestrationLock(String instanceId, UUID lockToken, Duration lockTimeout) {
    return call("renew_lock", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.renewOrchestration)) {
        ps.setLong(1, lockTimeout.toMillis());
        ps.setString(2, instanceId);
        ps.setObject(3, lockToken);
        ps.setString(4, instanceId);
        ps.setObject(5, lockToken);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1) > 0;
        }
      }
    });
  }

  // ---- worker queue -------------------------------------------------------------------------

  @Override
  public List<WorkItem> fetchWorkItems(int max, Duration lockTimeout) {
    UUID token = token();
    return commits.run(new GroupCommit.Call<>("fetch_work_item", sql.fetchWork,
        List.of(max, token, lockTimeout.toMillis()), r -> workItems(r.next(), token)));
  }

  private static List<WorkItem> workItems(ResultSet rs, UUID token) throws SQLException {
    List<WorkItem> items = new ArrayList<>();
    while (rs.next()) {
      items.add(new WorkItem(rs.getLong(1), token, rs.getString(2), rs.getLong(3),
          rs.getInt(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getDouble(8)));
    }
    items.sort((a, b) -> Long.compare(a.id(), b.id()));
    return items;
  }

  @Override
  public LockResult ackWorkItem(WorkItem item, String completionKind, String completionPayload) {
    return ackWorkItemAndFetch(item, completionKind, completionPayload, null).result();
  }

  /** The ack and one more fetch in one transaction, as for orchestration items. */
  @Override
  public WorkAck ackWorkItemAndFetch(WorkItem item, String completionKind,
      String completionPayload, Duration nextLockTimeout) {
    return ackWork(item, completionKind, completionPayload, nextLockTimeout, null);
  }

  /** The worker's ack and the instance's release as statements of one transaction. */
  @Override
  public WorkAck ackWorkItemAndRelease(WorkItem item, String completionKind,
      String completionPayload, Duration nextLockTimeout, UUID instanceLock) {
    return ackWork(item, completionKind, completionPayload, nextLockTimeout,
        Objects.requireNonNull(instanceLock, "instanceLock"));
  }

  private WorkAck ackWork(WorkItem item, String completionKind, String completionPayload,
      Duration nextLockTimeout, UUID instanceLock) {
    List<String> statements = new ArrayList<>(List.of(sql.ackWork));
    List<Object> parameters = new ArrayList<>(Arrays.asList(item.id(), item.lockToken(),
        completionKind, completionPayload, item.id(), item.taskId()));
    if (instanceLock != null) {
      statements.add(sql.releaseOrchestration);
      parameters.addAll(List.of(item.instanceId(), instanceLock));
    }
    UUID next = nextLockTimeout == null ? null : token();
    if (nextLockTimeout != null) {
      statements.add(sql.fetchWork);
      parameters.addAll(List.of(1, next, nextLockTimeout.toMillis()));
    }
    return commits.run(new GroupCommit.Call<>("ack_work_item", sql.joined(statements),
        parameters, r -> {
          LockResult result = lockResult(r.next());
          if (instanceLock != null) {
            r.next(); // the release: nothing to read (a lock already lost is not ours to free)
          }
          Optional<WorkItem> fetched = nextLockTimeout == null ? Optional.empty()
              : workItems(r.next(), next).stream().findFirst();
          return new WorkAck(result, nextLockTimeout != null, fetched);
        }));
  }

  @Override
  public void abandonWorkItem(WorkItem item, Duration delay) {
    call("abandon_work_item", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.abandonWork)) {
        ps.setLong(1, delay.toMillis());
        ps.setLong(2, item.id());
        ps.setObject(3, item.lockToken());
        ps.executeUpdate();
        return null;
      }
    });
  }

  @Override
  public LockResult renewWorkItemLock(WorkItem item, Duration lockTimeout) {
    return call("renew_lock", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.renewWork)) {
        ps.setLong(1, lockTimeout.toMillis());
        ps.setLong(2, item.id());
        ps.setObject(3, item.lockToken());
        ps.setLong(4, item.id());
        ps.setInt(5, item.taskId());
        return lockResult(ps);
      }
    });
  }

  private static LockResult lockResult(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return lockResult(rs);
    }
  }

  private static LockResult lockResult(ResultSet rs) throws SQLException {
    rs.next();
    if (rs.getLong(1) > 0) {
      return LockResult.OK;
    }
    return rs.getBoolean(2) ? LockResult.LOCK_LOST : LockResult.GONE;
  }

  // ---- client -------------------------------------------------------------------------------

  @Override
  public boolean createInstance(NewInstance n) {
    return commits.run(new GroupCommit.Call<>("create_instance", sql.createInstance,
        Arrays.asList(n.instanceId(), n.name(), n.version(), n.input(), n.initiatedBy(),
            n.startPayload()),
        r -> r.next().next()));
  }

  @Override
  public Optional<OrchestrationItem> createInstanceLocked(NewInstance n, Duration lockTimeout) {
    UUID token = token();
    return commits.run(new GroupCommit.Call<>("create_instance", sql.createInstanceLocked,
        Arrays.asList(token, lockTimeout.toMillis(), n.instanceId(), n.name(), n.version(),
            n.input(), n.initiatedBy(), n.startPayload()),
        r -> orchestrationItem(r.next(), token).item()));
  }

  @Override
  public EnqueueResult enqueueForInstance(String instanceId, String kind, String payload) {
    return commits.run(new GroupCommit.Call<>("enqueue_for_instance", sql.enqueueForInstance,
        Arrays.asList(kind, payload, instanceId, instanceId), r -> {
          ResultSet rs = r.next();
          rs.next();
          if (rs.getLong(1) > 0) {
            return EnqueueResult.ENQUEUED;
          }
          return rs.getString(2) == null ? EnqueueResult.NOT_FOUND : EnqueueResult.TERMINAL;
        }));
  }

  @Override
  public Optional<InstanceRecord> readInstance(String instanceId) {
    return call("read_instance", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.readInstance)) {
        ps.setString(1, instanceId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(instance(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public GaugeSnapshot readGauges() {
    return call("read_gauges", c -> {
      try (PreparedStatement ps = c.prepareStatement(sql.gauges);
          ResultSet rs = ps.executeQuery()) {
        Map<String, Map<WaitState, Long>> active = new HashMap<>();
        long orchestrator = 0;
        long worker = 0;
        while (rs.next()) {
          switch (rs.getString(1)) {
            case "a" -> active.computeIfAbsent(rs.getString(2), k -> new EnumMap<>(WaitState.class))
                .put(WaitState.fromLabel(rs.getString(3)), rs.getLong(4));
            case "o" -> orchestrator = rs.getLong(4);
            default -> worker = rs.getLong(4);
          }
        }
        return new GaugeSnapshot(active, orchestrator, worker);
      }
    });
  }

  @Override
  public void close() {
    commits.close();
    pool.close();
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /**
   * A lock token: unique among the tokens of all engines (122 random bits, as a random UUID's),
   * not secret, since anyone who can read it can write the tables anyway. Drawn from
   * ThreadLocalRandom: {@link UUID#randomUUID()} takes SecureRandom's lock, two or three times
   * per turn.
   */
  private static UUID token() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    long msb = ((r.nextLong() ^ TOKEN_SALT[0]) & ~0xF000L) | 0x4000L;
    long lsb = ((r.nextLong() ^ TOKEN_SALT[1]) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  /**
   * Drawn once from SecureRandom: ThreadLocalRandom seeds itself from the clocks, which two
   * processes started together could share; the salt keeps their tokens apart.
   */
  private static final long[] TOKEN_SALT = new java.security.SecureRandom().longs(2).toArray();

  @FunctionalInterface
  private interface SqlCall<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T call(String what, SqlCall<T> body) {
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException e) {
      // no connection, so nothing was sent: safe to repeat whatever the call was
      StoreException failure = translate(what, e, true);
      reachability.failed(failure);
      throw failure;
    }
    try (c) {
      T result = body.run(c);
      reachability.succeeded();
      return result;
    } catch (SQLException e) {
      StoreException failure = translate(what, e, false);
      reachability.failed(failure);
      throw failure;
    }
  }

  /** Classifies a JDBC failure by SQLSTATE. */
  static StoreException translate(String what, SQLException e) {
    return translate(what, e, false);
  }

  /**
   * Classifies a JDBC failure by SQLSTATE; {@code beforeSending}: it happened before the
   * statement reached the server. Deadlocks, serialization failures and timeouts roll the
   * statement back, so those calls had no effect either.
   */
  static StoreException translate(String what, SQLException e, boolean beforeSending) {
    String state = e.getSQLState();
    StoreErrorType type = StoreErrorType.fromSqlState(state);
    if (type == StoreErrorType.OTHER && e instanceof SQLTransientConnectionException) {
      type = StoreErrorType.CONNECTION;
    }
    boolean notApplied = beforeSending || type == StoreErrorType.DEADLOCK
        || type == StoreErrorType.SERIALIZATION || type == StoreErrorType.TIMEOUT;
    return new StoreException(what + " failed (" + type.label()
        + (state == null ? "" : ", SQLSTATE " + state) + "): " + e.getMessage(), type, state, e,
        notApplied);
  }

  private static InstanceRecord instance(ResultSet rs) throws SQLException {
    String wait = rs.getString("wait_state");
    return new InstanceRecord(
        rs.getString("instance_id"),
        rs.getString("orchestration_name"),
        rs.getString("orchestration_version"),
        rs.getLong("execution_id"),
        OrchestrationState.fromDb(rs.getString("status")),
        wait == null ? null : WaitState.fromLabel(wait),
        rs.getString("input"),
        rs.getString("output"),
        rs.getString("failure"),
        rs.getString("initiated_by"),
        rs.getString("parent_instance_id"),
        (Long) rs.getObject("parent_execution_id"),
        (Integer) rs.getObject("parent_task_id"),
        rs.getString("parent_orchestration"),
        instant(rs, "created_at"),
        instant(rs, "execution_started_at"),
        instant(rs, "updated_at"),
        instant(rs, "completed_at"),
        rs.getInt("turn_count"),
        rs.getInt("history_length"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static Long[] longs(Array array) throws SQLException {
    return (Long[]) array.getArray();
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  /** The JSON document the ack function unpacks (keys are the function's column names). */
  private String commitJson(TurnCommit c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", c.state().dbValue());
    m.put("waitState", c.waitState() == null ? null : c.waitState().label());
    m.put("output", c.output());
    m.put("failure", c.failure());
    m.put("turnCount", c.turnCount());
    m.put("historyLength", c.historyLength());
    m.put("newExecution", c.newExecution());
    m.put("history", stored(c.history()));
    m.put("consumedMessageIds", c.consumedMessageIds());
    m.put("workItems", c.workItems());
    m.put("messages", c.messages().stream().map(PostgresStore::messageJson).toList());
    List<Map<String, Object>> instances = new ArrayList<>();
    for (NewInstance n : c.instances()) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("instanceId", n.instanceId());
      i.put("name", n.name());
      i.put("version", n.version());
      i.put("input", n.input());
      i.put("initiatedBy", n.initiatedBy());
      i.put("parentInstanceId", n.parentInstanceId());
      i.put("parentExecutionId", n.parentExecutionId());
      i.put("parentTaskId", n.parentTaskId());
      i.put("parentOrchestration", n.parentOrchestration());
      i.put("startPayload", n.startPayload());
      i.put("onConflict", n.onConflict() == null ? null : messageJson(n.onConflict()));
      instances.add(i);
    }
    m.put("instances", instances);
    m.put("removePendingWork", c.removePendingWork());
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode a turn commit", e);
    }
  }

  private static Map<String, Object> messageJson(OutboundMessage o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("instanceId", o.instanceId());
    m.put("executionId", o.executionId());
    m.put("kind", o.kind());
    m.put("payload", o.payload());
    m.put("visibleAtMicros", o.visibleAt() == null ? null : micros(o.visibleAt()));
    return m;
  }

  /** The statements, with the schema name filled in once. */
  private static final class Sql {
    final String fetchOrchestration;
    final String readHistory;
    final String ackOrchestration;
    final String ackContinuedTurn;
    final String ackStep;
    final String ackReusingStep;
    final String ackEndingStep;
    final String ackOwnTurn;
    final String abandonOrchestration;
    final String releaseOrchestration;
    final String renewOrchestration;
    final String fetchWork;
    final String ackWork;
    final String abandonWork;
    final String renewWork;
    final String createInstance;
    final String createInstanceLocked;
    final String enqueueForInstance;
    final String readInstance;
    final String gauges;
    private final Map<List<String>, String> joinedQueries = new ConcurrentHashMap<>();

    Sql(String s) {
      // What fetch_orchestration_item (V1) does, as one statement (its PL/pgSQL cost about
      // twice the statement's server time): locks one instance with visible messages (oldest
      // message first, skipping instances another session holds) and returns it with all its
      // visible messages. The row has no instance when the one it locked had no message left
      // (a commit that raced it consumed them): it then locked nothing, and may look again.
      fetchOrchestration = "WITH t AS (SELECT ?::uuid AS tok,"
          + " now() + ?::bigint * INTERVAL '1 millisecond' AS until),"
          + " c AS (SELECT q.instance_id FROM " + s + ".orchestrator_queue q"
          + " JOIN " + s + ".instances i ON i.instance_id = q.instance_id"
          + " WHERE q.visible_at <= now() AND (i.locked_until IS NULL OR i.locked_until <= now())"
          + " ORDER BY q.visible_at, q.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED),"
          // o: the messages as they were, for how long each waited
          + " m AS (UPDATE " + s + ".orchestrator_queue q SET lock_token = t.tok,"
          + " locked_until = t.until, attempt_count = q.attempt_count + 1"
          + " FROM t, c, " + s + ".orchestrator_queue o"
          + " WHERE q.instance_id = c.instance_id AND q.visible_at <= now() AND o.id = q.id"
          + " RETURNING q.id, q.execution_id, q.kind, q.payload, q.attempt_count,"
          + " GREATEST(0, EXTRACT(EPOCH FROM now()"
          + " - GREATEST(o.visible_at, COALESCE(o.locked_until, o.visible_at))))"
          + "::DOUBLE PRECISION AS waited),"
          + " u AS (UPDATE " + s + ".instances i SET lock_token = t.tok, locked_until = t.until"
          + " FROM t, c WHERE i.instance_id = c.instance_id AND EXISTS (SELECT 1 FROM m)"
          + " RETURNING i.*)"
          + " SELECT u.*, (SELECT array_agg(m.id ORDER BY m.id) FROM m) AS msg_ids,"
          + " (SELECT array_agg(m.execution_id ORDER BY m.id) FROM m) AS msg_execution_ids,"
          + " (SELECT array_agg(m.kind ORDER BY m.id) FROM m) AS msg_kinds,"
          + " (SELECT array_agg(m.payload ORDER BY m.id) FROM m) AS msg_payloads,"
          + " (SELECT array_agg(m.attempt_count ORDER BY m.id) FROM m) AS msg_attempts,"
          + " (SELECT array_agg(m.waited ORDER BY m.id) FROM m) AS msg_waits, now() AS db_now"
          + " FROM c LEFT JOIN u ON u.instance_id = c.instance_id";
      // one row per event, those stored in a turn's row (V5) included
      readHistory = "SELECT seq, event_type, payload FROM " + s + ".history_events"
          + " WHERE instance_id = ? AND execution_id = ? ORDER BY seq";
      ackOrchestration = "SELECT * FROM " + s + ".ack_orchestration_turn(?, ?, ?::jsonb,"
          + " ?::bigint, ?::uuid, ?::bigint, ?::uuid, ?, ?)";
      ackContinuedTurn = ackOrchestration.replace(".ack_orchestration_turn(",
          ".ack_continued_turn(");
      // A step's commit (isStep) as one statement: what ack_continued_turn does for such a
      // turn, without its PL/pgSQL (a plan per statement, an expression per IF) and its JSON
      // document, which cost more server time than the writes themselves: the bench's profiled
      // series measured the five step commits of an orchestration at 1.81 ms of server time
      // through the function and 0.96 ms as this statement (pg_stat_statements). Its data-
      // modifying CTEs all run, each joined to u, so nothing is written when the lock is lost.
      // It repeats the part of ack_orchestration_turn (V3) such a turn needs, which still
      // commits every other turn: a change to what a turn writes changes both.
      String stepParameters = ownTurnParameters("?::bigint AS work_id, ?::uuid AS work_tok");
      // never waits for a row another session locks (V4), and writes nothing then
      String stepLock = " l AS (SELECT i.instance_id FROM " + s + ".instances i, p"
          + " WHERE i.instance_id = p.id AND i.lock_token = p.tok FOR UPDATE OF i SKIP LOCKED),";
      String stepHead = stepParameters + stepLock + stepWrites(s, "p, l, k") + ",";
      // The step's first worker item, when claimed for this process, is written over the row of
      // the item whose result the step consumed (r), instead of a delete and an insert (d, w):
      // the columns it changes are in no index, so the row is updated in place (HOT), without
      // a new heap tuple, three index entries and a dead row to vacuum (a step's WAL in the
      // no-op workload: 1,170 bytes before, 880 after). The row keeps its visible_at: for a
      // claimed item that only orders it among expired claims, and its queue wait counts from
      // its claim's expiry, so an older visible_at changes neither. An item left visible to
      // any worker is inserted (its queue wait counts from now); so is the first one when the
      // consumed item's worker lock was lost (r finds no row). A worker that still acks or
      // renews the consumed item finds it gone: an item is its row's id and its task.
      // whether r writes the first item over the consumed one's row, and d then deletes nothing
      String reuses = "(p.claim_max >= 1 AND cardinality(p.w_task) >= 1)";
      ackStep = stepHead
          + " r AS (UPDATE " + s + ".worker_queue w SET execution_id = x.e, task_id = x.task,"
          + " activity_name = x.name, payload = x.pl, enqueued_at = now(),"
          + " lock_token = p.claim_tok,"
          + " locked_until = now() + p.claim_ms * INTERVAL '1 millisecond', attempt_count = 1"
          + " FROM p, u, unnest(p.w_exec[1:1], p.w_task[1:1], p.w_name[1:1], p.w_payload[1:1])"
          + " AS x(e, task, name, pl)"
          + " WHERE " + reuses + " AND w.id = p.work_id AND w.lock_token = p.work_tok"
          + " RETURNING w.id, w.task_id, w.lock_token),"
          + " d AS (DELETE FROM " + s + ".worker_queue w USING p, u"
          + " WHERE w.id = p.work_id AND w.lock_token = p.work_tok AND NOT " + reuses + "),"
          + workTail(s, true);
      // The most common step, which schedules one activity claimed for this process, written
      // by ackStep's parts that do something then (r, without d and w): every data-modifying
      // CTE costs its executor start and end (opening its table and every index of it) even
      // when it writes nothing. Here r comes first, and the instance's row and history are
      // written only with r's row (u joins it): when the consumed item's worker lock is lost,
      // or the instance's, it writes nothing, and ackStep runs instead (rare).
      ackReusingStep = stepParameters + stepLock
          + " r AS (UPDATE " + s + ".worker_queue w SET execution_id = p.w_exec[1],"
          + " task_id = p.w_task[1], activity_name = p.w_name[1], payload = p.w_payload[1],"
          + " enqueued_at = now(), lock_token = p.claim_tok,"
          + " locked_until = now() + p.claim_ms * INTERVAL '1 millisecond', attempt_count = 1"
          + " FROM p, l WHERE w.id = p.work_id AND w.lock_token = p.work_tok"
          + " RETURNING w.id, w.task_id),"
          + stepWrites(s, "p, l, k, r")
          + " SELECT (SELECT now() FROM u), COALESCE((SELECT keep FROM u), false),"
          + " (SELECT array_agg(id) FROM r), (SELECT array_agg(task_id) FROM r)";
      // an ended instance's remaining work and messages would never be awaited. Apart from
      // ackStep, so that a step writes to the orchestrator queue only when it ends its instance
      // (as the function did): a statement takes its tables' locks when it starts, all of them
      ackEndingStep = stepHead + " dw AS (DELETE FROM " + s + ".worker_queue w USING p, u"
          + " WHERE w.instance_id = p.id),"
          + " dq AS (DELETE FROM " + s + ".orchestrator_queue q USING p, u"
          + " WHERE q.instance_id = p.id)," + workTail(s, false);
      // A turn fetched from the queue that writes only its own instance (isOwnTurn), as one
      // statement for the same reason as a step: ack_orchestration_turn's part for such a turn.
      // It waits for its instance's row, as the function does (the fetch locked it for this
      // turn), and keeps the hold only while no message besides those it consumed waits.
      ackOwnTurn = ownTurnParameters("?::bigint[] AS consumed")
          + " k AS (SELECT p.keep_ms IS NOT NULL AND p.state = 'running' AND NOT EXISTS"
          + " (SELECT 1 FROM " + s + ".orchestrator_queue q WHERE q.instance_id = p.id"
          + " AND q.id <> ALL (p.consumed)) AS keep FROM p),"
          + " u AS (UPDATE " + s + ".instances i" + ownTurnSet()
          + " FROM p, k WHERE i.instance_id = p.id AND i.lock_token = p.tok RETURNING k.keep),"
          + ownTurnHistory(s) + ","
          // by instance too (the messages a turn consumed are its instance's): the planner then
          // looks them up by the instance's index, as it does for rq; by their ids alone, from
          // p's array, its generic plan scanned the whole queue, dead rows included, until the
          // table's first analyze (in a new schema, about 0.8 scans per orchestration for the
          // first minute and more, each longer as dead rows piled up)
          + " dq AS (DELETE FROM " + s + ".orchestrator_queue q USING p, u"
          + " WHERE q.instance_id = p.id AND q.id = ANY (p.consumed) AND q.lock_token = p.tok),"
          // messages locked with the turn but not consumed are unlocked with the instance
          + " rq AS (UPDATE " + s + ".orchestrator_queue q SET lock_token = NULL,"
          + " locked_until = NULL FROM p, u WHERE q.instance_id = p.id AND q.lock_token = p.tok"
          + " AND q.id <> ALL (p.consumed))," + workTail(s, false);
      // a held instance has no locked messages (it is held only while none waits); a row
      // another session locks is left to its hold's expiry rather than waited for
      releaseOrchestration = "WITH l AS (SELECT instance_id FROM " + s + ".instances"
          + " WHERE instance_id = ? AND lock_token = ? FOR UPDATE SKIP LOCKED),"
          + " i AS (UPDATE " + s + ".instances SET lock_token = NULL, locked_until = NULL"
          + " WHERE instance_id IN (SELECT instance_id FROM l) RETURNING 1)"
          + " SELECT count(*) FROM i";
      abandonOrchestration = "WITH i AS (UPDATE " + s + ".instances SET lock_token = NULL,"
          + " locked_until = NULL WHERE instance_id = ? AND lock_token = ? RETURNING 1)"
          + " UPDATE " + s + ".orchestrator_queue SET lock_token = NULL, locked_until = NULL,"
          + " visible_at = GREATEST(visible_at, now() + ? * INTERVAL '1 millisecond'),"
          + " attempt_count = GREATEST(0, attempt_count - ?)"
          + " WHERE instance_id = ? AND lock_token = ? AND EXISTS (SELECT 1 FROM i)";
      renewOrchestration = "WITH t AS (SELECT now() + ? * INTERVAL '1 millisecond' AS until),"
          + " i AS (UPDATE " + s + ".instances SET locked_until = (SELECT until FROM t)"
          + " WHERE instance_id = ? AND lock_token = ? RETURNING 1),"
          + " m AS (UPDATE " + s + ".orchestrator_queue SET locked_until = (SELECT until FROM t)"
          + " WHERE instance_id = ? AND lock_token = ? AND EXISTS (SELECT 1 FROM i) RETURNING 1)"
          + " SELECT count(*) FROM i";
      fetchWork = "WITH c AS (SELECT id, GREATEST(visible_at, COALESCE(locked_until, visible_at))"
          + " AS since FROM " + s + ".worker_queue"
          + " WHERE visible_at <= now() AND (locked_until IS NULL OR locked_until <= now())"
          + " ORDER BY visible_at, id LIMIT ? FOR UPDATE SKIP LOCKED)"
          + " UPDATE " + s + ".worker_queue w SET lock_token = ?,"
          + " locked_until = now() + ? * INTERVAL '1 millisecond',"
          // the ids as an array too: an index condition on the primary key, where the join
          // alone had the generic plan hash c against a scan of the whole queue, dead rows
          // included (on a new schema, and whenever the table had looked small when planned)
          + " attempt_count = w.attempt_count + 1 FROM c WHERE w.id = c.id"
          + " AND w.id = ANY (ARRAY(SELECT id FROM c))"
          + " RETURNING w.id, w.instance_id, w.execution_id, w.task_id, w.activity_name,"
          + " w.payload, w.attempt_count,"
          + " GREATEST(0, EXTRACT(EPOCH FROM now() - c.since))::DOUBLE PRECISION";
      // whether a worker item still exists: its row's id and its task (a step may have written
      // its instance's next item over the row, ackStep)
      String itemExists = " EXISTS (SELECT 1 FROM " + s + ".worker_queue"
          + " WHERE id = ? AND task_id = ?)";
      ackWork = "WITH d AS (DELETE FROM " + s + ".worker_queue WHERE id = ? AND lock_token = ?"
          + " RETURNING instance_id, execution_id),"
          + " m AS (INSERT INTO " + s + ".orchestrator_queue"
          + " (instance_id, execution_id, kind, payload, enqueued_at, visible_at)"
          + " SELECT d.instance_id, d.execution_id, ?, ?, now(), now() FROM d RETURNING 1)"
          + " SELECT (SELECT count(*) FROM m)," + itemExists;
      abandonWork = "UPDATE " + s + ".worker_queue SET lock_token = NULL, locked_until = NULL,"
          + " visible_at = GREATEST(visible_at, now() + ? * INTERVAL '1 millisecond')"
          + " WHERE id = ? AND lock_token = ?";
      renewWork = "WITH u AS (UPDATE " + s + ".worker_queue"
          + " SET locked_until = now() + ? * INTERVAL '1 millisecond'"
          + " WHERE id = ? AND lock_token = ? RETURNING 1)"
          + " SELECT (SELECT count(*) FROM u)," + itemExists;
      createInstance = createInstance(s, false);
      createInstanceLocked = createInstance(s, true);
      enqueueForInstance = "WITH m AS (INSERT INTO " + s + ".orchestrator_queue"
          + " (instance_id, execution_id, kind, payload, enqueued_at, visible_at)"
          + " SELECT instance_id, NULL, ?, ?, now(), now() FROM " + s + ".instances"
          + " WHERE instance_id = ? AND status = 'running' RETURNING 1)"
          + " SELECT (SELECT count(*) FROM m),"
          + " (SELECT status FROM " + s + ".instances WHERE instance_id = ?)";
      readInstance = "SELECT * FROM " + s + ".instances WHERE instance_id = ?";
      gauges = "SELECT 'a', orchestration_name, wait_state, count(*) FROM " + s + ".instances"
          + " WHERE wait_state IS NOT NULL GROUP BY orchestration_name, wait_state"
          + " UNION ALL SELECT 'o', NULL, NULL, count(*) FROM " + s + ".orchestrator_queue"
          + " WHERE visible_at <= now() AND (locked_until IS NULL OR locked_until <= now())"
          + " UNION ALL SELECT 'w', NULL, NULL, count(*) FROM " + s + ".worker_queue"
          + " WHERE visible_at <= now() AND (locked_until IS NULL OR locked_until <= now())";
    }

    /**
     * An instance and its start message, its id the first parameter (unless {@code locked}).
     * {@code locked}: the first two parameters are a lock token and its timeout in milliseconds,
     * both rows are locked with them, and the statement returns them as
     * {@code fetchOrchestration} does, the message counted as fetched once, having waited for
     * nothing; else it returns the message's id.
     */
    private static String createInstance(String s, boolean locked) {
      String lock = locked ? "t.tok, t.until" : "NULL, NULL";
      return (locked ? "WITH t AS (SELECT ?::uuid AS tok,"
              + " now() + ?::bigint * INTERVAL '1 millisecond' AS until), ins AS ("
              : "WITH t AS (SELECT 1), ins AS (")
          + "INSERT INTO " + s + ".instances (instance_id,"
          + " orchestration_name, orchestration_version, execution_id, status, wait_state, input,"
          + " initiated_by, created_at, execution_started_at, updated_at, lock_token,"
          + " locked_until) SELECT ?, ?, ?, 1, 'running', 'running', ?, ?, now(), now(), now(), "
          + lock + " FROM t ON CONFLICT (instance_id) DO NOTHING RETURNING *),"
          + " m AS (INSERT INTO " + s + ".orchestrator_queue (instance_id, execution_id, kind,"
          + " payload, enqueued_at, visible_at, lock_token, locked_until, attempt_count)"
          + " SELECT ins.instance_id, 1, 'ExecutionStarted', ?, now(), now(), " + lock + ", "
          + (locked ? "1" : "0") + " FROM ins, t RETURNING id, execution_id, kind, payload,"
          + " attempt_count)"
          + (locked ? " SELECT ins.*, ARRAY[m.id] AS msg_ids,"
              + " ARRAY[m.execution_id] AS msg_execution_ids, ARRAY[m.kind] AS msg_kinds,"
              + " ARRAY[m.payload] AS msg_payloads, ARRAY[m.attempt_count] AS msg_attempts,"
              + " ARRAY[0::DOUBLE PRECISION] AS msg_waits, now() AS db_now FROM ins, m"
              : " SELECT id FROM m");
    }

    /**
     * The worker items of a turn that writes only its own instance, the first {@code claim_max}
     * locked for this process, and the statement's result row. With {@code reused}, the
     * statement's r wrote the first item over the consumed item's row, unless r found none.
     */
    private static String workTail(String s, boolean reused) {
      String claimed = reused
          ? "(SELECT id, task_id, lock_token FROM w UNION ALL SELECT id, task_id, lock_token"
              + " FROM r) c"
          : "w c";
      return " w AS (INSERT INTO " + s + ".worker_queue (instance_id, execution_id,"
          + " task_id, activity_name, payload, enqueued_at, visible_at, lock_token, locked_until,"
          + " attempt_count)"
          + " SELECT p.id, x.e, x.task, x.name, x.pl, now(), now(),"
          + " CASE WHEN x.n <= p.claim_max THEN p.claim_tok END,"
          + " CASE WHEN x.n <= p.claim_max THEN now() + p.claim_ms * INTERVAL '1 millisecond' END,"
          + " CASE WHEN x.n <= p.claim_max THEN 1 ELSE 0 END"
          + " FROM p, u, unnest(p.w_exec, p.w_task, p.w_name, p.w_payload)"
          + " WITH ORDINALITY AS x(e, task, name, pl, n)"
          + (reused ? " WHERE x.n > 1 OR NOT EXISTS (SELECT 1 FROM r)" : "")
          + " RETURNING id, task_id, lock_token)"
          + " SELECT (SELECT now() FROM u), COALESCE((SELECT keep FROM u), false),"
          + " (SELECT array_agg(c.id ORDER BY c.id) FROM " + claimed
          + " WHERE c.lock_token IS NOT NULL),"
          + " (SELECT array_agg(c.task_id ORDER BY c.id) FROM " + claimed
          + " WHERE c.lock_token IS NOT NULL)";
    }

    /**
     * The parameters p of a turn that writes only its own instance, in {@link #ownWrites}'s
     * order, {@code consumed} being the columns of what it consumed.
     */
    private static String ownTurnParameters(String consumed) {
      return "WITH p AS (SELECT ?::text AS id, ?::uuid AS tok, ?::text AS state,"
          + " ?::text AS wait, ?::text AS output, ?::text AS failure, ?::int AS turns,"
          + " ?::int AS len, ?::bigint AS keep_ms, ?::bigint[] AS h_exec, ?::int[] AS h_seq,"
          + " ?::text[] AS h_type, ?::text[] AS h_payload, " + consumed + ","
          + " ?::bigint[] AS w_exec, ?::int[] AS w_task, ?::text[] AS w_name,"
          + " ?::text[] AS w_payload, ?::uuid AS claim_tok, ?::int AS claim_max,"
          + " ?::bigint AS claim_ms),";
    }

    /**
     * A step's writes to its instance's row (u, joined to {@code from}, which has l) and history
     * (h), and whether it keeps the instance (k: only while no message at all waits for it, V3).
     */
    private static String stepWrites(String s, String from) {
      return " k AS (SELECT p.keep_ms IS NOT NULL AND p.state = 'running'"
          + " AND NOT EXISTS (SELECT 1 FROM " + s + ".orchestrator_queue q"
          + " WHERE q.instance_id = p.id) AS keep FROM p),"
          + " u AS (UPDATE " + s + ".instances i" + ownTurnSet()
          + " FROM " + from + " WHERE i.instance_id = l.instance_id RETURNING k.keep),"
          + ownTurnHistory(s);
    }

    /** What such a turn sets in its instance's row (k.keep: whether it keeps the hold). */
    private static String ownTurnSet() {
      return " SET status = p.state, wait_state = p.wait, output = p.output,"
          + " failure = p.failure, turn_count = p.turns, history_length = p.len,"
          + " updated_at = now(),"
          + " completed_at = CASE WHEN p.state = 'running' THEN NULL ELSE now() END,"
          + " lock_token = CASE WHEN k.keep THEN p.tok END,"
          + " locked_until = CASE WHEN k.keep"
          + " THEN now() + p.keep_ms * INTERVAL '1 millisecond' END";
    }

    /** Its history rows, written only when its instance's row was (u). */
    private static String ownTurnHistory(String s) {
      return " h AS (INSERT INTO " + s + ".history"
          + " (instance_id, execution_id, seq, event_type, payload, created_at)"
          + " SELECT p.id, r.e, r.seq, r.t, r.pl, now() FROM p, u,"
          + " unnest(p.h_exec, p.h_seq, p.h_type, p.h_payload) AS r(e, seq, t, pl))";
    }

    /**
     * {@code statements} (of this class) as one query, the same String for the same statements:
     * the driver looks every query up in its statement cache by its text, and a text joined
     * anew at each call (about 6 KB for a step and its fetch) was copied, hashed and compared
     * in full each time; in a profile of the no-op workload those copies were a tenth of all
     * the engine allocated. As many entries as combinations the calls make (a dozen).
     */
    String joined(List<String> statements) {
      String query = joinedQueries.get(statements);
      if (query == null) {
        query = String.join("; ", statements);
        joinedQueries.putIfAbsent(List.copyOf(statements), query);
      }
      return query;
    }
  }

  /** Configures a {@link PostgresStore}. */
  public static final class Builder {
    private DatabaseUrl url;
    private String schema = "durobs";
    private int maxPoolSize = 10;
    private int commitLanes = 2;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration lockTimeout = Duration.ofSeconds(10);
    private Duration statementTimeout = Duration.ofSeconds(60);
    private String applicationName = "durobs-engine";
    private String user;
    private String password;
    private boolean migrate = true;

    private Builder() {}

    /** A JDBC URL ({@code jdbc:postgresql://host:port/db}); credentials may be in it. */
    public Builder jdbcUrl(String jdbcUrl) {
      this.url = DatabaseUrl.parse(jdbcUrl);
      return this;
    }

    /** A {@code DATABASE_URL}-style URL ({@code postgres://user:pass@host:port/db}) or JDBC. */
    public Builder databaseUrl(String databaseUrl) {
      return jdbcUrl(databaseUrl);
    }

    /** The {@code DATABASE_URL} environment variable; fails clearly when it is not set. */
    public Builder fromEnvironment() {
      String env = System.getenv("DATABASE_URL");
      if (env == null || env.isBlank()) {
        throw new IllegalArgumentException("DATABASE_URL is not set");
      }
      return jdbcUrl(env);
    }

    /** The login (overrides one in the URL). */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    /** The password (overrides one in the URL). */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** The schema for the engine's tables (created if missing); default {@code durobs}. */
    public Builder schema(String schema) {
      if (schema == null || !IDENTIFIER.matcher(schema).matches()) {
        throw new IllegalArgumentException("schema must be a lower-case SQL identifier, got '"
            + schema + "'");
      }
      this.schema = schema;
      return this;
    }

    /** Maximum pooled connections; default 10. */
    public Builder maxPoolSize(int maxPoolSize) {
      if (maxPoolSize < 1) {
        throw new IllegalArgumentException("maxPoolSize must be >= 1, got " + maxPoolSize);
      }
      this.maxPoolSize = maxPoolSize;
      return this;
    }

    /** How long to wait for a connection (also at start-up); default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requirePositive("connectTimeout", connectTimeout);
      return this;
    }

    /** PostgreSQL {@code lock_timeout} of the store's sessions; default 10 s. */
    public Builder lockTimeout(Duration lockTimeout) {
      this.lockTimeout = requirePositive("lockTimeout", lockTimeout);
      return this;
    }

    /**
     * How many transactions of the store's writing calls (turns, activity completions, fetches,
     * starts) may commit at once; default 2. The calls that arrive while those commit share the
     * next transactions (group commit, one WAL flush for all of them). Each lane uses a
     * connection of the pool while it commits.
     */
    public Builder commitLanes(int commitLanes) {
      if (commitLanes < 1 || commitLanes > 16) {
        throw new IllegalArgumentException("commitLanes must be between 1 and 16, got "
            + commitLanes);
      }
      this.commitLanes = commitLanes;
      return this;
    }

    /** PostgreSQL {@code statement_timeout} of the store's sessions; default 60 s. */
    public Builder statementTimeout(Duration statementTimeout) {
      this.statementTimeout = requirePositive("statementTimeout", statementTimeout);
      return this;
    }

    /** The {@code application_name} the sessions show in {@code pg_stat_activity}. */
    public Builder applicationName(String applicationName) {
      this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
      return this;
    }

    /**
     * Whether {@link #build()} migrates the schema to the latest version (default true, which
     * needs DDL rights). With false it only checks that the schema is at this engine's version
     * and fails naming the fix when it is missing, older or newer: for a login with read/write
     * rights only, the schema migrated beforehand by {@link PostgresStore#migrate}
     * ({@code durobs migrate}).
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * Connects, migrates the schema to the latest version (or, with {@code migrate(false)},
     * checks its version) and returns the store.
     *
     * @throws StoreException naming the URL (never its password) when PostgreSQL cannot be
     *     reached, naming the missing privilege when the login may not migrate, or naming the
     *     versions when the schema does not match
     */
    public PostgresStore build() {
      return new PostgresStore(resolved());
    }

    /** This builder with the user and password overrides folded into the URL. */
    private Builder resolved() {
      if (url == null) {
        throw new IllegalArgumentException("a JDBC URL or DATABASE_URL is required");
      }
      url = new DatabaseUrl(url.jdbcUrl(), user != null ? user : url.user(),
          password != null ? password : url.password());
      return this;
    }
  }
}
