package dev.customerlens.kernel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell execution inside the kernel's JVM, so a cell's value reaches the display code as the object
 * itself rather than as a string. Each snippet runs on a thread of its own so that an interrupt can
 * end it, however it loops, while the kernel carries on.
 */
final class SnippetThread extends DirectExecutionControl {
  private final Object lock = new Object();
  private Thread running;
  private boolean cancelled;
  private Object value;

  /** Lets snippets run again; called as each cell starts, since an interrupt cancels only the cell it arrived in. */
  void reset() {
    synchronized (lock) {
      cancelled = false;
    }
  }

  boolean cancelled() {
    synchronized (lock) {
      return cancelled;
    }
  }

  /** The value of the snippet run last, handed over once so the kernel does not keep it alive. */
  Object takeValue() {
    Object taken = value;
    value = null;
    return taken;
  }

  @Override
  protected String invoke(Method doit) throws Exception {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread thread = new Thread(() -> {
      try {
        result[0] = doit.invoke(null);
      } catch (Throwable t) {
        failure[0] = t;
      }
    }, "cell");
    // Classes added with %classpath or %maven live in JShell's loader; libraries that look them up
    // through the context class loader (ServiceLoader, Jackson modules) must see them too.
    thread.setContextClassLoader(doit.getDeclaringClass().getClassLoader());
    thread.setDaemon(true);
    synchronized (lock) {
      if (cancelled) throw new StoppedException();
      running = thread;
    }
    thread.start();
    try {
      thread.join();
    } finally {
      synchronized (lock) {
        running = null;
      }
    }
    if (cancelled()) throw new StoppedException();
    if (failure[0] instanceof Exception e) throw e;
    // Method.invoke throws errors such as ExceptionInInitializerError itself: they are the cell's errors.
    if (failure[0] != null) throw new InvocationTargetException(failure[0]);
    value = result[0];
    // JShell would show this string as the value; the kernel renders the object instead, and calling
    // toString here would print a whole table for nothing.
    return "";
  }

  /**
   * Ends the running snippet, or the next one of this cell if it has not started yet. Interrupting the
   * thread is not enough: {@code while (true) {}} never looks. Java 17 still honours Thread.stop; later
   * versions refuse it, and there only code that checks for interruption can be stopped.
   */
  @Override
  @SuppressWarnings("deprecation")
  public void stop() {
    synchronized (lock) {
      cancelled = true;
      if (running == null) return;
      try {
        running.stop();
      } catch (UnsupportedOperationException e) {
        running.interrupt();
      }
    }
  }
}
