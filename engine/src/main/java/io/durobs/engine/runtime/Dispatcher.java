package io.durobs.engine.runtime;

import io.durobs.engine.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poller and a fixed number of slots. The poller fetches only as many items as there are
 * free slots (one store round-trip per fetch), hands each to a slot thread, and backs off
 * exponentially while the queue is empty; {@link #wakeUp()} ends a back-off early when this
 * process enqueued work. A busy slot goes on with the item its ack fetched (one transaction for
 * both), so under load most items reach a slot without the poller. Each item handed to a slot
 * gets a ticket, so that a caller can wait for the items in progress at one moment
 * ({@link #awaitItemsInProgress}).
 *
 * @param <T> the fetched item type
 */
abstract class Dispatcher<T> {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final String name;
  private final int concurrency;
  private final Duration minPoll;
  private final Duration maxPoll;
  private final Semaphore slots;
  private final Semaphore wake = new Semaphore(0);
  /** Guards the tickets; notified when an item finishes. */
  private final Object progress = new Object();
  private long nextTicket;
  private final NavigableSet<Long> inProgress = new TreeSet<>();
  private final ExecutorService slotThreads;
  /**
   * Items this process holds, due before anything fetched (see {@link #runLocally}), each with
   * the ticket it took when queued: it is in progress from its hand-over on.
   */
  private final Queue<Queued<T>> local = new ConcurrentLinkedQueue<>();
  /** Local items queued and not on a slot yet, guarded by {@code progress}: busy no slot. */
  private int queued;
  private final Thread poller;
  private final FatalErrorHandler fatal;
  private volatile boolean running;
  /**
   * Whether the last fetch suggested more work is queued (it filled every slot it asked for,
   * or a slot's ack found a next item). With a backlog the slots' own fetches keep them busy,
   * and a slot held for a hand-off would only stand idle while the ack commits.
   */
  private volatile boolean backlog;
  /**
   * Whether the queue in the store may have work for this dispatcher: false once a fetch found
   * it drained (the poller's came back short, or a slot's ack found no next item), true again
   * when this process enqueued work ({@link #wakeUp}) or a fetch found some. While false, acks
   * fetch nothing with them ({@link #fetchesNext}): on an engine whose work all comes to it in
   * process (held instances, hand-offs, turn chains) each such fetch was a statement that found
   * nothing (at 8 in flight on 8:8, 10 to 11 orchestration fetches per orchestration, 5 to 6
   * with this). Work another process enqueues is found by the poller, as after any idle period.
   */
  private volatile boolean mayHaveWork = true;
  /** When a fetch last ended, by the poller or with an ack ({@link System#nanoTime}). */
  private volatile long lastLookNanos = System.nanoTime();
  /** Guards {@link #fetching}; notified when the poller's fetch has given back unused slots. */
  private final Object fetchDone = new Object();
  private boolean fetching;
  private static final long MAX_FETCH_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  Dispatcher(String name, int concurrency, Duration minPoll, Duration maxPoll,
      FatalErrorHandler fatal) {
    this.name = name;
    this.fatal = fatal;
    this.concurrency = concurrency;
    this.minPoll = minPoll;
    this.maxPoll = maxPoll;
    this.slots = new Semaphore(concurrency);
    AtomicInteger n = new AtomicInteger();
    this.slotThreads = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "durobs-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.poller = new Thread(this::pollLoopUnlessFatal, "durobs-" + name + "-poller");
    this.poller.setDaemon(true);
  }

  /** Fetches up to {@code max} items; an empty list when there is no work. */
  abstract List<T> fetch(int max);

  /**
   * Processes one item on a slot thread; must not throw. May return the next item, fetched
   * under its lock in the same transaction as this item's ack (see {@link #fetchesNext()}):
   * the slot then processes it at once, instead of releasing itself and waiting for the
   * poller's next fetch (its own commit). Null when there is none.
   */
  abstract T process(T item);

  /**
   * Whether a slot should fetch its next item together with the ack of its current one: while
   * the dispatcher runs (a stopping one fetches nothing more) and the queue may have work
   * ({@link #mayHaveWork}). The poller still fetches for free slots, so work from other
   * processes and after idle periods is found as before.
   */
  boolean fetchesNext() {
    return running && local.isEmpty() && mayHaveWork;
  }

  /**
   * Takes up to {@code n} idle slots for items this process is about to lock for itself in an
   * ack's transaction, or a start's (a hand-off: the work an ack or a start makes starts here at
   * once, without a fetch and a commit of its own). None while stopping or while work is queued;
   * one idle slot stays with the poller while {@link #pollerKeepsASlot}.
   * While the poller's fetch holds the idle slots, waits for it to give them back (at most
   * 100 ms, on a store that answers slowly). Each slot taken is given back ({@link #unreserve})
   * or used ({@link #runReserved}).
   *
   * @return how many were taken
   */
  int tryReserve(int n) {
    if (backlog) {
      return 0;
    }
    if (slots.availablePermits() <= 1) {
      awaitPollerFetch();
    }
    int taken = 0;
    int kept = pollerKeepsASlot() ? 1 : 0;
    while (running && taken < n && slots.availablePermits() > kept && slots.tryAcquire()) {
      taken++;
    }
    return taken;
  }

  /**
   * Whether hand-offs leave one idle slot to the poller, so that work from elsewhere (other
   * processes, timers, new instances) does not wait behind this process's hand-offs: while the
   * queue may have work ({@link #mayHaveWork}), and once the last look is older than the
   * longest poll interval. After a look found the queue drained, hand-offs may take every slot
   * (at 8 in flight on 8 slots, about one step in three had gone through the queue for want of
   * the eighth); work another process enqueues meanwhile waits for a look at most about that
   * long, as it would for an idle engine's poller, and then the poller has its slot again.
   */
  private boolean pollerKeepsASlot() {
    return pollerKeepsASlot(mayHaveWork, System.nanoTime() - lastLookNanos, maxPoll);
  }

  /** {@link #pollerKeepsASlot()} of a dispatcher in this state. */
  static boolean pollerKeepsASlot(boolean mayHaveWork, long nanosSinceLastLook,
      Duration maxPoll) {
    return mayHaveWork || nanosSinceLastLook > maxPoll.toNanos();
  }

  /**
   * Queues an item this process already holds (a held instance's next turn, see
   * {@link HeldInstance}) for the next free slot, ahead of anything the queue in the store has:
   * it is already due and locked here, and would otherwise go through the store to these same
   * slots. Its count is bounded by the items this process holds.
   *
   * @return false while stopping (nothing was queued)
   */
  boolean runLocally(T item) {
    if (!running) {
      return false;
    }
    long ticket;
    synchronized (progress) {
      ticket = begin();
      queued++;
    }
    local.add(new Queued<>(item, ticket));
    startLocalItems();
    return true;
  }

  /** Applies {@code action} to each local item still waiting for a slot (a snapshot's worth). */
  void forEachQueued(Consumer<T> action) {
    for (Queued<T> q : local) {
      action.accept(q.item());
    }
  }

  /** A local item and its ticket. */
  private record Queued<T>(T item, long ticket) {}

  /** The next local item, no longer counted as queued; null when there is none. */
  private Queued<T> takeLocal() {
    Queued<T> q = local.poll();
    if (q != null) {
      synchronized (progress) {
        queued--;
      }
    }
    return q;
  }

  /** Starts queued local items on idle slots; a slot that finishes also takes them. */
  private void startLocalItems() {
    while (!local.isEmpty() && slots.tryAcquire()) {
      Queued<T> q = takeLocal();
      if (q == null) {
        slots.release(); // another thread took it between the check and the poll
        return;
      }
      runReserved(q.item(), q.ticket());
    }
  }

  /**
   * The poller holds every idle slot while it fetches, and gives back those it did not fill when
   * the fetch returns: waits for that, so that a slot taken for a hand-off is not refused only
   * because a poll was under way (bounded, as a fetch may hang on a failing store).
   *
   * @return false when interrupted
   */
  private boolean awaitPollerFetch() {
    synchronized (fetchDone) {
      long deadline = System.nanoTime() + MAX_FETCH_WAIT_NANOS;
      try {
        while (fetching) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(fetchDone, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Gives back reserved slots that got no item. */
  void unreserve(int n) {
    if (n > 0) {
      slots.release(n);
    }
  }

  /**
   * Processes an item locked for this process on a slot already taken (by the poller, or by
   * {@link #tryReserve}).
   */
  void runReserved(T item) {
    runReserved(item, begin());
  }

  private void runReserved(T item, long ticket) {
    try {
      slotThreads.execute(() -> runSlot(item, ticket));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // stopping: the item's lock expires and another process (or a restart) takes it
      finish(ticket);
      slots.release();
    }
  }

  /** Called when a fetch failed, for counting. */
  abstract void onFetchError(StoreException e);

  void start() {
    running = true;
    poller.start();
  }

  /** Ends a poll back-off early: this process just enqueued work for this dispatcher. */
  void wakeUp() {
    mayHaveWork = true;
    if (wake.availablePermits() == 0) {
      wake.release();
    }
  }

  /** False once {@link #stop} began. */
  boolean isRunning() {
    return running;
  }

  /** Whether the last fetch suggested more work is queued (see {@link #backlog}). */
  boolean backlogged() {
    return backlog;
  }

  int concurrency() {
    return concurrency;
  }

  int busySlots() {
    synchronized (progress) {
      return inProgress.size() - queued;
    }
  }

  /**
   * Waits until every item handed to a slot or queued for one ({@link #runLocally}) before this
   * call has been processed, including what its processing does after its commit (metrics,
   * wake-ups). Items fetched later do not delay it.
   *
   * @return false when {@code timeout} passed first
   */
  boolean awaitItemsInProgress(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      long horizon = nextTicket;
      while (!inProgress.isEmpty() && inProgress.first() < horizon) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(progress, left);
      }
      return true;
    }
  }

  private long begin() {
    synchronized (progress) {
      long ticket = nextTicket++;
      inProgress.add(ticket);
      return ticket;
    }
  }

  private void finish(long ticket) {
    synchronized (progress) {
      inProgress.remove(ticket);
      progress.notifyAll();
    }
  }

  /**
   * Stops fetching and waits up to {@code grace} for items in progress; local items no slot
   * started go to {@link #notRun}.
   */
  void stop(Duration grace) {
    running = false;
    poller.interrupt();
    slotThreads.shutdown();
    try {
      poller.join(grace.toMillis());
      if (!slotThreads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        slotThreads.shutdownNow();
        slotThreads.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      slotThreads.shutdownNow();
    }
    for (Queued<T> q = takeLocal(); q != null; q = takeLocal()) {
      try {
        notRun(q.item());
      } finally {
        finish(q.ticket());
      }
    }
  }

  /** A local item ({@link #runLocally}) the dispatcher stopped before running; nothing here. */
  void notRun(T item) {
  }

  /**
   * The poller's body: a {@link VirtualMachineError} (out of memory decoding a fetch) would end
   * the poller thread silently and leave the slots idle forever, so it stops the runtime.
   */
  private void pollLoopUnlessFatal() {
    try {
      pollLoop();
    } catch (Error e) {
      if (!FatalErrorHandler.isFatal(e)) {
        throw e;
      }
      fatal.onFatalError((VirtualMachineError) e);
    }
  }

  private void pollLoop() {
    long idle = minPoll.toNanos();
    int failures = 0;
    while (running) {
      int permits;
      try {
        slots.acquire();
        permits = 1 + slots.drainPermits();
      } catch (InterruptedException e) {
        return;
      }
      Queued<T> held;
      while (permits > 0 && (held = takeLocal()) != null) {
        // this process's held items first, on the slots just taken
        runReserved(held.item(), held.ticket());
        permits--;
      }
      if (permits == 0) {
        continue;
      }
      setFetching(true);
      List<T> items;
      try {
        items = fetch(permits);
        failures = 0;
      } catch (StoreException e) {
        giveBack(permits);
        onFetchError(e);
        failures++;
        StoreFailures.log(LOG, e, "{} dispatcher: fetch failed ({} in a row): {}", name, failures,
            e.getMessage());
        sleep(Math.min(3000, 100L << Math.min(failures, 5)) * 1_000_000L);
        continue;
      } catch (RuntimeException e) {
        giveBack(permits);
        LOG.error("{} dispatcher: fetch failed unexpectedly", name, e);
        sleep(1_000_000_000L);
        continue;
      }
      backlog = items.size() == permits;
      mayHaveWork = backlog;
      lastLookNanos = System.nanoTime();
      giveBack(permits - items.size());
      items.forEach(this::runReserved); // each on a slot this loop acquired
      if (items.isEmpty()) {
        idle = sleep(idle) ? minPoll.toNanos() : Math.min(idle * 2, maxPoll.toNanos());
      } else {
        idle = minPoll.toNanos();
      }
    }
  }

  /**
   * Processes {@code first} and then every next item its processing fetched with its ack, on
   * this slot, each under a ticket of its own (the next item's ticket is taken before the
   * previous one is finished); the slot is released when there is no next item.
   */
  private void runSlot(T first, long firstTicket) {
    T item = first;
    long ticket = firstTicket;
    try {
      while (item != null) {
        T next = null;
        try {
          next = process(item);
        } catch (RuntimeException | Error e) {
          if (FatalErrorHandler.isFatal(e)) {
            fatal.onFatalError((VirtualMachineError) e);
          } else {
            LOG.error("{} dispatcher: processing failed unexpectedly", name, e);
          }
        }
        if (next != null) {
          backlog = true;
          mayHaveWork = true;
        } else if (fetchesNext()) {
          backlog = false; // the ack looked for a next item and found none
          mayHaveWork = false;
          lastLookNanos = System.nanoTime();
        }
        if (next != null) {
          long nextTicket = begin();
          finish(ticket);
          ticket = nextTicket;
        } else if (running) {
          Queued<T> q = takeLocal(); // this process's held items before the slot goes idle
          if (q != null) {
            finish(ticket);
            ticket = q.ticket();
            next = q.item();
          }
        }
        item = next;
      }
    } finally {
      finish(ticket);
      slots.release();
    }
    // an item queued after this slot's last look, when every slot was busy
    startLocalItems();
  }

  /**
   * Ends a fetch: gives back the {@code n} slots it did not fill, to the items this process
   * queued for slots meanwhile first ({@link #runLocally}).
   */
  private void giveBack(int n) {
    if (n > 0) {
      slots.release(n);
    }
    setFetching(false);
    startLocalItems();
  }

  private void setFetching(boolean now) {
    synchronized (fetchDone) {
      fetching = now;
      if (!now) {
        fetchDone.notifyAll();
      }
    }
  }

  /** Sleeps up to {@code nanos}; true when woken early by {@link #wakeUp()}. */
  private boolean sleep(long nanos) {
    try {
      if (wake.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
        wake.drainPermits();
        return true;
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
      return false;
    }
  }
}
