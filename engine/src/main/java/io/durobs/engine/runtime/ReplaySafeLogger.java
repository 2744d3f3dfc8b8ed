package io.durobs.engine.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;
import org.slf4j.spi.NOPLoggingEventBuilder;

/**
 * A {@link Logger} view that drops every logging call while the orchestration replays, so that
 * a record is written once per real event. Level checks ({@code isInfoEnabled}) answer false
 * during replay too, so guarded expensive messages are not built.
 */
final class ReplaySafeLogger {

  private ReplaySafeLogger() {}

  static Logger wrap(Logger delegate, BooleanSupplier replaying) {
    return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
        new Class<?>[] {Logger.class}, (proxy, method, args) -> {
          if (replaying.getAsBoolean() && suppressible(method)) {
            if (method.getReturnType() == boolean.class) {
              return Boolean.FALSE;
            }
            return method.getReturnType() == LoggingEventBuilder.class
                ? NOPLoggingEventBuilder.singleton() : null;
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static boolean suppressible(Method m) {
    String n = m.getName();
    return n.equals("trace") || n.equals("debug") || n.equals("info") || n.equals("warn")
        || n.equals("error") || n.startsWith("at") || n.equals("makeLoggingEventBuilder")
        || (n.startsWith("is") && n.endsWith("Enabled"));
  }
}
